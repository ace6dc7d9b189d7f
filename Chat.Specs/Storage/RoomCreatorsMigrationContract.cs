using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Specs.Storage;

/// <summary>
/// The schema version that brings rooms and their creators (SQLite 5, PostgreSQL 3) gives the rooms
/// an older host left theirs: the member who joined first, or for a room everyone has left, the
/// sender of its oldest kept message. The lobby is the host's. A spec class per store says how to
/// make a database as the host before it left it.
/// </summary>
public abstract class RoomCreatorsMigrationContract
{
    /// <summary>A membership as an older host stored it: joined is unix milliseconds.</summary>
    protected sealed record OldMember(string Room, string Username, long Joined);

    /// <summary>A room message as an older host stored it: ts is unix milliseconds.</summary>
    protected sealed record OldMessage(string Room, long Seq, string Username, long Ts);

    /// <summary>Makes a database at the schema version before rooms, holding these rows, and opens the store on it (which migrates it).</summary>
    protected abstract Task<IChatStore> OpenUpgradedAsync(IReadOnlyList<OldMember> members, IReadOnlyList<OldMessage> messages);

    [Fact]
    public async Task Existing_rooms_are_credited_to_their_first_member_or_first_speaker()
    {
        await using var store = await OpenUpgradedAsync(
            [new("dev", "bob", 2000), new("dev", "alice", 1000), new("lobby", "alice", 500)],
            [new("quiet", 5, "dave", 3000), new("quiet", 4, "carol", 2500), new("dev", 1, "bob", 1500)]);

        Assert.Equal("alice", await store.RoomCreatorAsync("dev"));
        Assert.Equal("carol", await store.RoomCreatorAsync("quiet"));
        Assert.Null(await store.RoomCreatorAsync(RoomNames.Lobby));
        // Joining a room that was there creates nothing.
        Assert.True(await store.AddRoomMemberAsync("quiet", "erin"));
        Assert.Equal("carol", await store.RoomCreatorAsync("quiet"));
    }
}
