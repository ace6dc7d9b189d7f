using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>The room's rules, with no actor system: what a command means, and what happening does to the state.</summary>
public sealed class RoomStateSpecs
{
    private static readonly DateTime Noon = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ClientConnection Here = Terminal("here");
    private static readonly ClientConnection There = Terminal("there");

    private static ClientConnection Terminal(string name) => new(new PlainSessionId(name), new PlainSessionId("delivery"));

    private static RoomMember Member(string name, params ClientConnection[] connections) => new(name, name, ActorRefs.Nobody, [.. connections]);

    // Members coming back (a reconnect): their entries keep no "joined" line, so the seqs here
    // are the messages' alone. PresenceHistorySpecs has the lines.
    private static AdmitMember Back(RoomMember member) => new(member) { Returning = true };

    private static RoomState NewRoom(long lastSeq = 0, int pageSize = 3) => new("lobby", lastSeq, new RecentMessages(pageSize, [], storeHasOlder: false));

    private static RoomState Decided(RoomState state, RoomCommand command) => state.Apply(state.Decide(command, Noon).Events);

    private static RoomState With(params string[] members) =>
        members.Aggregate(NewRoom(), (room, name) => Decided(room, Back(Member(name, Here))));

    private static RoomState Said(RoomState room, params string[] texts) =>
        texts.Aggregate(room, (state, text) => Decided(state, new AcceptMessage("alice", "Al", text, null, ActorRefs.Nobody)));

    [Fact]
    public void A_member_returning_to_the_rooms_next_incarnation_gets_in_unannounced_and_a_newcomer_is_announced()
    {
        var moved = With("bob");

        var returning = Assert.IsType<MemberJoined>(Assert.Single(moved.Decide(new AdmitMember(Member("alice", Here)) { Returning = true, Moved = true }, Noon).Events));
        var newcomer = Assert.IsType<MemberJoined>(Assert.Single(moved.Decide(new AdmitMember(Member("carol", There)), Noon).Events));

        Assert.False(returning.Announced);
        Assert.True(newcomer.Announced);
        Assert.NotNull(moved.Apply(returning).Member("alice"));
    }

    [Fact]
    public void A_second_join_of_the_same_user_is_not_a_new_member_but_names_the_connections_new_to_the_room()
    {
        var room = With("alice");

        Assert.True(room.Decide(Back(Member("alice", Here)), Noon).Events.IsEmpty);
        var changed = Assert.IsType<MemberConnectionsChanged>(Assert.Single(room.Decide(Back(Member("alice", Here, There)), Noon).Events));
        Assert.Equal<ClientConnection>([There], changed.Added);
        Assert.Equal<ClientConnection>([Here, There], room.Apply(changed).Member("alice")!.Connections);
        Assert.Single(room.Apply(changed).Members);
    }

    [Fact]
    public void Connections_change_only_for_a_member()
    {
        var room = With("alice");

        Assert.True(room.Decide(new ReplaceConnections("bob", [There]), Noon).Events.IsEmpty);
        Assert.Equal<ClientConnection>([There], Decided(room, new ReplaceConnections("alice", [There])).Member("alice")!.Connections);
    }

    [Fact]
    public void Leaving_names_the_member_as_they_were_once_and_empties_the_room()
    {
        var room = Decided(With("alice"), new ChangeMemberNickname("alice", "Al"));

        var left = Assert.IsType<MemberLeft>(Assert.Single(room.Decide(new RemoveMember("alice"), Noon).Events));
        Assert.Equal("Al", left.Member.Nickname);
        room = room.Apply(left);
        Assert.True(room.Decide(new RemoveMember("alice"), Noon).Events.IsEmpty);
        Assert.True(room.IsIdle);
    }

    [Fact]
    public void Only_a_member_may_say_something()
    {
        var refused = NewRoom().Decide(new AcceptMessage("bob", "Bob", "hi", RequestId.FromNumber(3), ActorRefs.Nobody), Noon);

        Assert.Equal(ErrorCodes.NotInRoom, refused.Refused!.Code);
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void Sequence_numbers_continue_from_what_the_store_had()
    {
        var room = Decided(NewRoom(lastSeq: 41), Back(Member("alice")));

        var accepted = Assert.IsType<MessageAccepted>(Assert.Single(room.Decide(new AcceptMessage("alice", "Al", "hi", null, ActorRefs.Nobody), Noon).Events));
        Assert.Equal((42L, Noon, "Al"), (accepted.Message.Record.Seq, accepted.Message.Record.Ts, accepted.Message.Record.Nickname));
        room = Said(room, "hi", "again");
        Assert.Equal(43, room.LastSeq);
        Assert.False(room.IsIdle);
    }

    [Fact]
    public void Messages_committed_out_of_order_are_released_in_order()
    {
        var room = Said(With("alice"), "one", "two", "three");

        Assert.Empty(Released(ref room, new ConfirmStored(2)));
        Assert.Empty(Released(ref room, new ConfirmStored(3)));
        Assert.Equal([1L, 2L, 3L], Released(ref room, new ConfirmStored(1)).Select(m => m.Record.Seq));
        Assert.Empty(room.Pending);
        Assert.True(room.Decide(new ConfirmStored(1), Noon).Events.IsEmpty);
    }

    [Fact]
    public void A_failed_message_is_dropped_and_unblocks_those_behind_it()
    {
        var room = Decided(NewRoom(), Back(Member("alice")));
        room = Decided(room, new AcceptMessage("alice", "Al", "one", RequestId.FromNumber(1), ActorRefs.Nobody));
        room = Decided(Said(room, "two"), new ConfirmStored(2));

        var dropped = Assert.IsType<MessageDropped>(Assert.Single(room.Decide(new ReportNotStored(1), Noon).Events));

        Assert.Equal(RequestId.FromNumber(1), dropped.Failed.Re);
        Assert.Equal([2L], dropped.Released.Select(m => m.Record.Seq));
        Assert.Empty(room.Apply(dropped).Pending);
        Assert.Equal(["two"], room.Apply(dropped).Recent.Messages.Select(m => m.Text));
    }

    [Fact]
    public void Renaming_names_the_old_nickname_only_on_a_change()
    {
        var room = With("alice");

        var renamed = Assert.IsType<MemberRenamed>(Assert.Single(room.Decide(new ChangeMemberNickname("alice", "Al"), Noon).Events));
        Assert.Equal(("alice", "alice", "Al"), (renamed.Username, renamed.OldNickname, renamed.Nickname));
        room = Decided(room, new ChangeMemberNickname("alice", "Al"));
        Assert.True(room.Decide(new ChangeMemberNickname("alice", "Al"), Noon).Events.IsEmpty);
        Assert.True(room.Decide(new ChangeMemberNickname("bob", "B"), Noon).Events.IsEmpty);
        Assert.Equal([new Member("alice", "Al")], room.Roster());
    }

    [Fact]
    public void The_roster_is_sorted_by_nickname()
    {
        var room = Decided(NewRoom(), Back(new RoomMember("zed", "amy", ActorRefs.Nobody, [])));
        room = Decided(room, Back(new RoomMember("bob", "Bob", ActorRefs.Nobody, [])));

        Assert.Equal(["zed", "bob"], room.Roster().Select(m => m.User));
    }

    [Fact]
    public void Committed_messages_join_the_recent_page_and_the_oldest_falls_out_of_it()
    {
        var room = Said(Decided(NewRoom(pageSize: 2), Back(Member("alice"))), "one", "two", "three");

        room = Decided(Decided(room, new ConfirmStored(1)), new ConfirmStored(2));
        Assert.False(room.Recent.HasOlder);
        room = Decided(room, new ConfirmStored(3));

        Assert.Equal(["two", "three"], room.Recent.Messages.Select(m => m.Text));
        Assert.True(room.Recent.HasOlder);
    }

    [Fact]
    public void A_page_of_no_messages_holds_none_and_says_older_ones_exist()
    {
        var room = Decided(Said(Decided(NewRoom(pageSize: 0), Back(Member("alice"))), "one"), new ConfirmStored(1));

        Assert.Empty(room.Recent.Messages);
        Assert.True(room.Recent.HasOlder);
    }

    [Fact]
    public void Uncommitted_messages_are_not_in_the_recent_page()
    {
        Assert.Empty(Said(With("alice"), "pending").Recent.Messages);
    }

    [Fact]
    public void Away_state_shows_in_the_roster_and_changes_only_when_it_differs()
    {
        var room = Decided(With("alice"), new ChangeMemberAway("alice", "lunch"));

        Assert.Equal("lunch", room.Roster().Single().Away);
        Assert.True(room.Decide(new ChangeMemberAway("alice", "lunch"), Noon).Events.IsEmpty);
        Assert.True(room.Decide(new ChangeMemberAway("bob", "lunch"), Noon).Events.IsEmpty);
        Assert.Equal(new MemberAwayChanged("alice", "alice", null), Assert.Single(room.Decide(new ChangeMemberAway("alice", null), Noon).Events));
        Assert.Null(Decided(room, new ChangeMemberAway("alice", null)).Roster().Single().Away);
    }

    [Fact]
    public void Deciding_does_not_change_the_state_it_is_asked()
    {
        var room = With("alice");

        room.Decide(new AcceptMessage("alice", "Al", "hi", null, ActorRefs.Nobody), Noon);
        room.Decide(new RemoveMember("alice"), Noon);

        Assert.Equal((0L, 1), (room.LastSeq, room.Members.Count));
    }

    private static IEnumerable<PendingMessage> Released(ref RoomState room, RoomCommand settle)
    {
        var committed = Assert.IsType<MessageCommitted>(Assert.Single(room.Decide(settle, Noon).Events));
        room = room.Apply(committed);
        return committed.Released;
    }
}
