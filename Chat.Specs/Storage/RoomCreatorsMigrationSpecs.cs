using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

/// <summary>The rooms migration (SQLite schema 5) against a real SQLite file left at schema 4.</summary>
public sealed class RoomCreatorsMigrationSpecs : RoomCreatorsMigrationContract, IDisposable
{
    private readonly OlderSqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<IChatStore> OpenUpgradedAsync(IReadOnlyList<OldMember> members, IReadOnlyList<OldMessage> messages) =>
        _file.UpgradeAsync(4, connection =>
        {
            foreach (var member in members)
                OlderSqliteFile.Execute(connection, "INSERT INTO room_members (room, username, last_read_seq, joined) VALUES ($1, $2, 0, $3);", member.Room, member.Username, member.Joined);
            foreach (var message in messages)
                OlderSqliteFile.Execute(connection, "INSERT INTO room_messages (room, seq, username, nickname, text, ts) VALUES ($1, $2, $3, $3, 'hi', $4);", message.Room, message.Seq, message.Username, message.Ts);
        });
}
