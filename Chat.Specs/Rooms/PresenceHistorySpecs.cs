using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// Which joins, leaves and renames a room keeps in its history, with no actor system: each is a
/// line numbered with the messages; a member who only lost their connections and comes back
/// within the grace leaves no line, nor does a reconnect.
/// </summary>
public sealed class PresenceHistorySpecs
{
    private static readonly DateTime Noon = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ClientConnection Here = new(new PlainSessionId("here"), new PlainSessionId("delivery"));

    private static RoomMember Member(string name) => new(name, name, ActorRefs.Nobody, [Here]);

    private static RoomState NewRoom(int pageSize = 10) => new("dev", 0, new RecentMessages(pageSize, [], storeHasOlder: false));

    private static RoomState Decided(RoomState state, RoomCommand command, DateTime? at = null) => state.Apply(state.Decide(command, at ?? Noon).Events);

    private static RoomState Said(RoomState room, string user, string text)
    {
        room = Decided(room, new AcceptMessage(user, user, text, null, ActorRefs.Nobody));
        return Decided(room, new ConfirmStored(room.LastSeq));
    }

    private static IEnumerable<(long, string?, string)> Lines(RoomState room) =>
        room.Recent.Messages.Select(m => (m.Seq, m.Event, m.Event is null ? m.Text : m.Username));

    [Fact]
    public void A_join_a_rename_and_a_leave_by_request_are_lines_numbered_with_the_messages()
    {
        var room = Decided(NewRoom(), new AdmitMember(Member("bob")));
        room = Said(room, "bob", "hi");
        room = Decided(room, new ChangeMemberNickname("bob", "Bobcat"));
        room = Decided(room, new RemoveMember("bob"), Noon.AddMinutes(1));

        Assert.Equal([(1L, RoomLineEvents.Joined, "bob"), (2L, null, "hi"), (3L, RoomLineEvents.Nick, "bob"), (4L, RoomLineEvents.Left, "bob")], Lines(room));
        var renamed = room.Recent.Messages.ElementAt(2);
        Assert.Equal(("Bobcat", "bob"), (renamed.Nickname, renamed.Text));
        Assert.Equal(Noon.AddMinutes(1), room.Recent.Messages.Last().Ts);
        Assert.Equal(4, room.LastSeq);
    }

    [Fact]
    public void A_lost_connection_is_numbered_at_once_and_kept_with_its_own_time_once_the_grace_passes()
    {
        var room = Decided(Decided(NewRoom(), new AdmitMember(Member("bob"))), new AdmitMember(Member("carol")));
        var left = Assert.IsType<MemberLeft>(Assert.Single(room.Decide(new RemoveMember("bob") { Disconnected = true }, Noon.AddMinutes(1)).Events));
        Assert.Equal(new HeldDeparture(3, "bob", Noon.AddMinutes(1)), left.Held);
        Assert.Null(left.Line);
        room = room.Apply(left);
        Assert.False(room.IsMember("bob"));
        Assert.DoesNotContain(room.Recent.Messages, m => m.Event == RoomLineEvents.Left);
        room = Said(room, "carol", "bob dropped?");

        room = Decided(room, new KeepDeparture("bob", 3));

        Assert.Equal([(1L, RoomLineEvents.Joined, "bob"), (2L, RoomLineEvents.Joined, "carol"), (3L, RoomLineEvents.Left, "bob"), (4L, null, "bob dropped?")], Lines(room));
        Assert.Equal(Noon.AddMinutes(1), room.Recent.Messages.ElementAt(2).Ts);
        Assert.True(room.Decide(new KeepDeparture("bob", 3), Noon).Events.IsEmpty);
    }

    [Fact]
    public void Back_within_the_grace_neither_the_leave_nor_the_join_is_kept()
    {
        var room = Decided(NewRoom(), new AdmitMember(Member("bob")));
        room = Decided(room, new RemoveMember("bob") { Disconnected = true });
        Assert.False(room.IsIdle);

        var back = Assert.IsType<MemberJoined>(Assert.Single(room.Decide(new AdmitMember(Member("bob")), Noon).Events));
        // The leave was stored when it happened (a host stopping keeps it): the room takes it back.
        Assert.Equal(2, back.TakesBack?.Seq);
        room = room.Apply(back);

        Assert.True(room.Decide(new KeepDeparture("bob", 2), Noon).Events.IsEmpty);
        Assert.Equal([(1L, RoomLineEvents.Joined, "bob")], Lines(room));
        // The held seq is a gap, as a message the store refused leaves one.
        Assert.Equal(3, Decided(room, new AcceptMessage("bob", "bob", "back", null, ActorRefs.Nobody)).LastSeq);
    }

    [Fact]
    public void A_reconnect_is_not_a_join_unless_the_room_kept_the_leave_before_it()
    {
        var room = Decided(NewRoom(), new AdmitMember(Member("bob")) { Returning = true });
        Assert.Empty(room.Recent.Messages);

        room = Decided(room, new RemoveMember("bob") { Disconnected = true });
        room = Decided(room, new KeepDeparture("bob", 1));
        room = Decided(room, new AdmitMember(Member("bob")) { Returning = true });

        Assert.Equal([(1L, RoomLineEvents.Left, "bob"), (2L, RoomLineEvents.Joined, "bob")], Lines(room));
        Assert.True(room.IsIdle is false && room.Presence.Held.IsEmpty);
    }

    [Fact]
    public void A_kick_is_kept_at_once_and_a_deleted_room_keeps_no_line()
    {
        var room = Decided(Decided(NewRoom(), new AdmitMember(Member("bob"))), new AdmitMember(Member("carol")));
        var kick = new ModerationChange("dev", ModerationActions.Kick, "carol", Noon) { Target = "bob" };

        room = Decided(room, new ApplyModeration(kick));
        Assert.Equal((3L, RoomLineEvents.Left), (room.Recent.Messages.Last().Seq, room.Recent.Messages.Last().Event));

        var removed = room.Decide(new RemoveEveryone(), Noon).Events.OfType<MemberLeft>().Single();
        Assert.Null(removed.Line);
        Assert.Null(removed.Held);
    }
}
