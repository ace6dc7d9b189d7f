using Akka.Actor;
using Chat.Protocol;
using Chat.Actors.Rooms;

namespace Chat.Specs.Rooms;

public class RoomStateSpecs
{
    private static readonly DateTime Ts = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static RoomMember Member(string name) => new(name, name, ActorRefs.Nobody, []);

    private static RoomState NewRoom(long lastSeq, int pageSize = 3) => new("lobby", lastSeq, new RecentMessages(pageSize, [], storeHasOlder: false));

    [Fact]
    public void A_second_join_of_the_same_user_is_not_a_new_member()
    {
        var room = NewRoom(0);

        Assert.True(room.Join(Member("alice")));
        Assert.False(room.Join(Member("alice")));
        Assert.Single(room.Members);
    }

    [Fact]
    public void Leaving_returns_the_member_once()
    {
        var room = NewRoom(0);
        room.Join(Member("alice"));

        Assert.Equal("alice", room.Leave("alice")?.Username);
        Assert.Null(room.Leave("alice"));
    }

    [Fact]
    public void Sequence_numbers_continue_from_what_the_store_had()
    {
        var room = NewRoom(41);

        Assert.Equal(42, room.Accept("alice", "Al", "hi", Ts, null, ActorRefs.Nobody).Record.Seq);
        Assert.Equal(43, room.Accept("alice", "Al", "again", Ts, null, ActorRefs.Nobody).Record.Seq);
    }

    [Fact]
    public void Messages_committed_out_of_order_are_delivered_in_order()
    {
        var room = NewRoom(0);
        room.Accept("alice", "Al", "one", Ts, null, ActorRefs.Nobody);
        room.Accept("alice", "Al", "two", Ts, null, ActorRefs.Nobody);
        room.Accept("alice", "Al", "three", Ts, null, ActorRefs.Nobody);

        Assert.Empty(room.Commit(2));
        Assert.Empty(room.Commit(3) );
        Assert.Equal([1L, 2L, 3L], room.Commit(1).Select(m => m.Record.Seq));
        Assert.Equal(0, room.PendingCount);
    }

    [Fact]
    public void A_failed_message_is_dropped_and_unblocks_those_behind_it()
    {
        var room = NewRoom(0);
        room.Accept("alice", "Al", "one", Ts, RequestId.FromNumber(1), ActorRefs.Nobody);
        room.Accept("alice", "Al", "two", Ts, null, ActorRefs.Nobody);
        room.Commit(2);

        var (failed, deliverable) = room.Fail(1);

        Assert.Equal(RequestId.FromNumber(1), failed?.Re);
        Assert.Equal([2L], deliverable.Select(m => m.Record.Seq));
    }

    [Fact]
    public void Renaming_reports_the_old_nickname_only_on_a_change()
    {
        var room = NewRoom(0);
        room.Join(Member("alice"));

        Assert.Equal("alice", room.Rename("alice", "Al"));
        Assert.Null(room.Rename("alice", "Al"));
        Assert.Null(room.Rename("bob", "B"));
        Assert.Equal([new Member("alice", "Al")], room.Roster());
    }

    [Fact]
    public void The_roster_is_sorted_by_nickname()
    {
        var room = NewRoom(0);
        room.Join(new RoomMember("zed", "amy", ActorRefs.Nobody, []));
        room.Join(new RoomMember("bob", "Bob", ActorRefs.Nobody, []));

        Assert.Equal(["zed", "bob"], room.Roster().Select(m => m.User));
    }

    [Fact]
    public void Committed_messages_join_the_recent_page_and_the_oldest_falls_out_of_it()
    {
        var room = NewRoom(0, pageSize: 2);
        foreach (var text in new[] { "one", "two", "three" })
            room.Accept("alice", "Al", text, Ts, null, ActorRefs.Nobody);

        room.Commit(1);
        room.Commit(2);
        Assert.False(room.Recent.HasOlder);
        room.Commit(3);

        Assert.Equal(["two", "three"], room.Recent.Messages.Select(m => m.Text));
        Assert.True(room.Recent.HasOlder);
    }

    [Fact]
    public void Uncommitted_messages_are_not_in_the_recent_page()
    {
        var room = NewRoom(0);
        room.Accept("alice", "Al", "pending", Ts, null, ActorRefs.Nobody);

        Assert.Empty(room.Recent.Messages);
    }

    [Fact]
    public void Away_state_shows_in_the_roster_and_changes_only_once()
    {
        var room = NewRoom(0);
        room.Join(Member("alice"));

        Assert.Equal("lunch", room.SetAway("alice", "lunch")?.Away);
        Assert.Null(room.SetAway("alice", "lunch"));
        Assert.Equal("lunch", room.Roster().Single().Away);
        Assert.NotNull(room.SetAway("alice", null));
        Assert.Null(room.Roster().Single().Away);
    }
}
