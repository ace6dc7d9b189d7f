using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>A room's moderation rules, with no actor system: who may do what, and what it does to the room.</summary>
public sealed class RoomModerationSpecs
{
    private static readonly DateTime Noon = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ClientConnection Here = new(new PlainSessionId("here"), new PlainSessionId("delivery"));

    private static RoomMember Member(string name, bool hostOperator = false) => new(name, name, ActorRefs.Nobody, [Here]) { HostOperator = hostOperator };

    private static RoomState Decided(RoomState state, RoomCommand command, DateTime? at = null) => state.Apply(state.Decide(command, at ?? Noon).Events);

    /// <summary>A new room "dev" created by alice (its owner), with the other members after her.</summary>
    private static RoomState Dev(params string[] others) =>
        others.Aggregate(
            Decided(new RoomState("dev", 0, new RecentMessages(3, [], storeHasOlder: false)), new AdmitMember(Member("alice"))),
            (room, name) => Decided(room, new AdmitMember(Member(name))));

    private static RoomDecision Ask(RoomState room, string by, ModerationRequest request, bool hostOperator = false, DateTime? at = null) =>
        room.Decide(new Moderate(new Moderator(by, hostOperator), request), at ?? Noon);

    /// <summary>Decided, stored and applied, as the room actor does it.</summary>
    private static RoomState Done(RoomState room, string by, ModerationRequest request, bool hostOperator = false)
    {
        var decided = Assert.IsType<ModerationDecided>(Assert.Single(Ask(room, by, request, hostOperator).Events));
        return Decided(room, new ApplyModeration(decided.Change));
    }

    private static ModerationRequest On(string action, string target) => new(action) { Target = target };

    [Fact]
    public void The_first_member_of_a_new_room_owns_it_and_the_lobby_has_no_owner()
    {
        var room = new RoomState("dev", 0, new RecentMessages(3, [], storeHasOlder: false));
        var events = room.Decide(new AdmitMember(Member("alice")), Noon).Events;

        var owner = Assert.IsType<OwnerNamed>(events[1]);
        Assert.Equal((ModerationActions.Own, "alice"), (owner.Change.Action, owner.Change.By));
        Assert.Equal(RoomRoles.Owner, Dev("bob").Moderation.RoleOf("alice"));
        Assert.Null(Dev("bob").Moderation.RoleOf("bob"));
        var lobby = new RoomState(RoomNames.Lobby, 0, new RecentMessages(3, [], storeHasOlder: false));
        Assert.IsType<MemberJoined>(Assert.Single(lobby.Decide(new AdmitMember(Member("alice")), Noon).Events));
        // A room with history had a creator already.
        var old = new RoomState("old", 5, new RecentMessages(3, [], storeHasOlder: true));
        Assert.Single(old.Decide(new AdmitMember(Member("bob")), Noon).Events);
    }

    [Theory]
    [InlineData(ModerationActions.Kick)]
    [InlineData(ModerationActions.Ban)]
    [InlineData(ModerationActions.Unban)]
    [InlineData(ModerationActions.Mute)]
    [InlineData(ModerationActions.Unmute)]
    [InlineData(ModerationActions.Invite)]
    [InlineData(ModerationActions.Op)]
    [InlineData(ModerationActions.Deop)]
    [InlineData(ModerationActions.Topic)]
    [InlineData(ModerationActions.Mode)]
    public void A_member_who_is_no_operator_is_refused_every_action(string action)
    {
        var refused = Ask(Dev("bob", "carol"), "bob", new ModerationRequest(action) { Target = "carol", Topic = "t", InviteOnly = true });

        Assert.Equal(ErrorCodes.NotPermitted, refused.Refused?.Code);
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void An_operator_moderates_members_but_not_the_owner_nor_other_operators_and_only_the_owner_makes_operators()
    {
        var room = Done(Done(Dev("bob", "carol", "dave"), "alice", On(ModerationActions.Op, "bob")), "alice", On(ModerationActions.Op, "dave"));
        Assert.Equal(RoomRoles.Operator, room.Moderation.RoleOf("bob"));

        Assert.Single(Ask(room, "bob", On(ModerationActions.Kick, "carol")).Events);
        Assert.Equal(ErrorCodes.NotPermitted, Ask(room, "bob", On(ModerationActions.Kick, "alice")).Refused?.Code);
        Assert.Equal(ErrorCodes.NotPermitted, Ask(room, "bob", On(ModerationActions.Ban, "dave")).Refused?.Code);
        Assert.Equal(ErrorCodes.NotPermitted, Ask(room, "bob", On(ModerationActions.Op, "carol")).Refused?.Code);
        Assert.Equal(ErrorCodes.BadTarget, Ask(room, "bob", On(ModerationActions.Mute, "bob")).Refused?.Code);
        Assert.Null(Done(room, "alice", On(ModerationActions.Deop, "bob")).Moderation.RoleOf("bob"));
    }

    [Fact]
    public void A_host_operator_rules_a_room_they_have_no_role_in_even_over_its_owner()
    {
        var room = Dev("bob");

        Assert.Single(Ask(room, "root", On(ModerationActions.Kick, "alice"), hostOperator: true).Events);
        // A present host operator cannot be moderated by the room's owner.
        room = Decided(room, new AdmitMember(Member("root", hostOperator: true)));
        Assert.Equal(ErrorCodes.NotPermitted, Ask(room, "alice", On(ModerationActions.Kick, "root")).Refused?.Code);
    }

    [Fact]
    public void A_kicked_member_is_removed_and_told_and_may_come_back()
    {
        var room = Dev("bob");
        var decided = Assert.IsType<ModerationDecided>(Assert.Single(Ask(room, "alice", new ModerationRequest(ModerationActions.Kick) { Target = "bob", Reason = "  calm down " }).Events));
        Assert.Equal("calm down", decided.Change.Reason);

        var events = room.Decide(new ApplyModeration(decided.Change), Noon).Events;
        Assert.IsType<ModerationApplied>(events[0]);
        Assert.True(Assert.IsType<MemberLeft>(events[1]).Removed);
        room = room.Apply(events);
        Assert.False(room.IsMember("bob"));
        Assert.IsType<MemberJoined>(Assert.Single(room.Decide(new AdmitMember(Member("bob")), Noon).Events));
        Assert.Equal(ErrorCodes.NotInRoom, Ask(room, "alice", On(ModerationActions.Kick, "bob")).Refused?.Code);
    }

    [Fact]
    public void A_ban_removes_the_member_and_keeps_them_out_until_it_ends_or_is_lifted()
    {
        var room = Dev("bob");
        var decided = Assert.IsType<ModerationDecided>(Assert.Single(Ask(room, "alice", new ModerationRequest(ModerationActions.Ban) { Target = "bob", Duration = TimeSpan.FromHours(1), Reason = "spam" }).Events));
        Assert.Equal(Noon.AddHours(1), decided.Change.Until);
        room = Decided(room, new ApplyModeration(decided.Change));

        var refused = room.Decide(new AdmitMember(Member("bob")), Noon.AddMinutes(59)).Refused;
        Assert.Equal(ErrorCodes.Banned, refused?.Code);
        Assert.Contains("spam", refused!.Message);
        Assert.IsType<MemberJoined>(Assert.Single(room.Decide(new AdmitMember(Member("bob")), Noon.AddHours(1)).Events));

        var lifted = Done(room, "alice", On(ModerationActions.Unban, "bob"));
        Assert.IsType<MemberJoined>(Assert.Single(lifted.Decide(new AdmitMember(Member("bob")), Noon).Events));
        Assert.Equal(ErrorCodes.BadTarget, Ask(lifted, "alice", On(ModerationActions.Unban, "bob")).Refused?.Code);
        // A host operator is never kept out.
        Assert.Single(room.Decide(new AdmitMember(Member("bob", hostOperator: true)), Noon).Events);
    }

    [Fact]
    public void A_muted_members_lines_are_refused_until_the_mute_ends_or_is_lifted()
    {
        var room = Done(Dev("bob"), "alice", new ModerationRequest(ModerationActions.Mute) { Target = "bob", Duration = TimeSpan.FromMinutes(10) });

        Assert.Equal(ErrorCodes.Muted, room.Decide(new AcceptMessage("bob", "bob", "hi", null, ActorRefs.Nobody), Noon.AddMinutes(9)).Refused?.Code);
        Assert.Single(room.Decide(new AcceptMessage("bob", "bob", "hi", null, ActorRefs.Nobody), Noon.AddMinutes(10)).Events);
        Assert.Single(Done(room, "alice", On(ModerationActions.Unmute, "bob")).Decide(new AcceptMessage("bob", "bob", "hi", null, ActorRefs.Nobody), Noon).Events);
    }

    [Fact]
    public void An_invite_only_room_lets_in_its_invited_and_its_operators_only()
    {
        var room = Done(Dev(), "alice", new ModerationRequest(ModerationActions.Mode) { InviteOnly = true, Private = true });
        Assert.True(room.Moderation is { InviteOnly: true, Private: true });

        Assert.Equal(ErrorCodes.InviteOnly, room.Decide(new AdmitMember(Member("bob")), Noon).Refused?.Code);
        room = Done(room, "alice", On(ModerationActions.Invite, "bob"));
        Assert.IsType<MemberJoined>(Assert.Single(room.Decide(new AdmitMember(Member("bob")), Noon).Events));
        Assert.False(Done(room, "alice", new ModerationRequest(ModerationActions.Mode) { InviteOnly = false }).Moderation.InviteOnly);
        Assert.True(Done(room, "alice", new ModerationRequest(ModerationActions.Mode) { InviteOnly = false }).Moderation.Private);
    }

    [Fact]
    public void The_topic_is_clean_text_of_bounded_length()
    {
        Assert.Equal("release on friday", Done(Dev(), "alice", new ModerationRequest(ModerationActions.Topic) { Topic = " release on friday " }).Moderation.Topic);
        Assert.Equal(ErrorCodes.BadText, Ask(Dev(), "alice", new ModerationRequest(ModerationActions.Topic) { Topic = new string('x', RoomModeration.MaxTopicLength + 1) }).Refused?.Code);
        Assert.Equal(ErrorCodes.BadText, Ask(Dev(), "alice", new ModerationRequest(ModerationActions.Topic) { Topic = "two\nlines" }).Refused?.Code);
    }

    [Fact]
    public void Bad_requests_are_refused_with_a_reason()
    {
        var room = Dev("bob");

        Assert.Equal(ErrorCodes.NoSuchUser, Ask(room, "alice", On(ModerationActions.Ban, "not a name")).Refused?.Code);
        Assert.Equal(ErrorCodes.BadFrame, Ask(room, "alice", new ModerationRequest(ModerationActions.Ban) { Target = "bob", Duration = TimeSpan.Zero }).Refused?.Code);
        Assert.Equal(ErrorCodes.BadFrame, Ask(room, "alice", new ModerationRequest(ModerationActions.Mode)).Refused?.Code);
        Assert.Equal(ErrorCodes.BadText, Ask(room, "alice", new ModerationRequest(ModerationActions.Kick) { Target = "bob", Reason = new string('x', 201) }).Refused?.Code);
        var lobby = Decided(new RoomState(RoomNames.Lobby, 0, new RecentMessages(3, [], storeHasOlder: false)), new AdmitMember(Member("bob")));
        Assert.Equal(ErrorCodes.BadRoom, Ask(lobby, "root", On(ModerationActions.Ban, "bob"), hostOperator: true).Refused?.Code);
        Assert.Single(Ask(lobby, "root", On(ModerationActions.Mute, "bob"), hostOperator: true).Events);
    }

    [Fact]
    public void The_roster_names_the_rooms_roles()
    {
        var room = Done(Dev("bob", "carol"), "alice", On(ModerationActions.Op, "bob"));

        Assert.Equal(
            [("alice", RoomRoles.Owner), ("bob", RoomRoles.Operator), ("carol", null)],
            room.Roster().Select(m => (m.User, m.Role)));
    }
}
