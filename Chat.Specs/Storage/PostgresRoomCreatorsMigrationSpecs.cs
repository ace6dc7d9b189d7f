using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

/// <summary>The rooms migration (PostgreSQL schema 3) against a real database left at schema 2.</summary>
[NeedsPostgres]
public sealed class PostgresRoomCreatorsMigrationSpecs : RoomCreatorsMigrationContract, IAsyncDisposable
{
    private readonly OlderPostgresDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override Task<IChatStore> OpenUpgradedAsync(IReadOnlyList<OldMember> members, IReadOnlyList<OldMessage> messages) =>
        _database.UpgradeAsync(2, async connection =>
        {
            foreach (var member in members)
                await OlderPostgresDatabase.ExecuteAsync(connection, "INSERT INTO room_members (room, username, last_read_seq, joined) VALUES ($1, $2, 0, $3);", member.Room, member.Username, At(member.Joined));
            foreach (var message in messages)
                await OlderPostgresDatabase.ExecuteAsync(connection, "INSERT INTO room_messages (room, seq, username, nickname, text, ts) VALUES ($1, $2, $3, $3, 'hi', $4);", message.Room, message.Seq, message.Username, At(message.Ts));
        });

    private static DateTime At(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime;
}
