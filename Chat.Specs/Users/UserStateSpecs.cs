using Chat.Actors.Delivery;
using Chat.Actors.Users;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Users;

/// <summary>The user's rules, with no actor system: what a request means, and what happening does to the state.</summary>
public sealed class UserStateSpecs
{
    private static readonly DateTime Noon = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ClientConnection Here = Terminal("here");
    private static readonly ClientConnection There = Terminal("there");

    private static ClientConnection Terminal(string name) => new(new PlainSessionId(name), new PlainSessionId("delivery"));

    private static UserState Decided(UserState state, UserCommand command, DateTime at) => state.Apply(state.Decide(command, at).Events);

    private static UserState Online(DateTime at) => Decided(new UserState("alice", "alice"), new AttachTerminal(Here, "Al"), at);

    [Fact]
    public void Online_from_the_first_terminal_until_the_last_one_goes()
    {
        var user = Online(Noon);
        user = Decided(user, new AttachTerminal(There, "ignored"), Noon.AddMinutes(1));
        user = Decided(user, new DetachTerminal(Here.Session), Noon.AddMinutes(2));

        Assert.True(user.IsOnline);
        Assert.Equal(("Al", Noon), (user.Nickname, user.Since));

        user = Decided(user, new DetachTerminal(There.Session), Noon.AddMinutes(3));
        Assert.False(user.IsOnline);
        Assert.Equal(Noon.AddMinutes(3), user.LastSeen);
        Assert.True(user.Decide(new DetachTerminal(There.Session), Noon.AddMinutes(4)).Events.IsEmpty);
    }

    [Fact]
    public void The_other_terminals_are_every_terminal_but_the_one_kept()
    {
        var third = Terminal("third");
        var user = Decided(Decided(Online(Noon), new AttachTerminal(There, "Al"), Noon), new AttachTerminal(third, "Al"), Noon);

        Assert.Equal(new[] { There.Session, third.Session }.ToHashSet(), user.OtherTerminals(Here.Session).ToHashSet());
    }

    [Fact]
    public void A_terminal_attached_twice_is_one_terminal()
    {
        var user = Online(Noon);

        Assert.True(user.Decide(new AttachTerminal(Here, "Al"), Noon).Events.IsEmpty);
        Assert.Single(user.Connections);
    }

    [Fact]
    public void A_nickname_is_normalised_or_refused_with_the_reason()
    {
        var user = Online(Noon);

        Assert.Equal(new NicknameChanged("Ally"), Assert.Single(user.Decide(new ChooseNickname("  Ally "), Noon).Events));
        var refused = user.Decide(new ChooseNickname("two words"), Noon);
        Assert.Equal(ErrorCodes.BadNick, refused.Refused!.Code);
        Assert.Empty(refused.Events);
        Assert.Equal("Ally", user.Apply(new NicknameChanged("Ally")).Nickname);
    }

    [Fact]
    public void Away_is_kept_with_its_time_changes_only_when_it_differs_and_is_forgotten_offline()
    {
        var user = Decided(Online(Noon), new ChangeAway(" lunch "), Noon.AddHours(1));

        Assert.Equal(("lunch", Noon.AddHours(1)), (user.Away, user.Since));
        Assert.True(user.Decide(new ChangeAway("lunch"), Noon.AddHours(2)).Events.IsEmpty);
        Assert.Equal(ErrorCodes.BadText, user.Decide(new ChangeAway("line\nbreak"), Noon).Refused!.Code);
        Assert.Equal(ErrorCodes.BadText, user.Decide(new ChangeAway(new string('z', 201)), Noon).Refused!.Code);
        Assert.Null(Decided(user, new DetachTerminal(Here.Session), Noon.AddHours(3)).Away);
    }

    [Fact]
    public void Joining_names_a_valid_room_and_tells_a_member_it_is_in_already()
    {
        var user = Online(Noon);

        Assert.Equal(new RoomJoined("dev"), Assert.Single(user.Decide(new EnterRoom("#Dev"), Noon).Events));
        Assert.Equal(ErrorCodes.BadRoom, user.Decide(new EnterRoom("x"), Noon).Refused!.Code);
        user = user.Apply(new RoomJoined("dev"));
        Assert.Equal(new AlreadyInRoom("dev"), Assert.Single(user.Decide(new EnterRoom("dev"), Noon).Events));
    }

    [Fact]
    public void Everyone_stays_in_the_lobby_and_only_a_room_one_is_in_can_be_left()
    {
        var user = Online(Noon).Apply(new RoomJoined("lobby")).Apply(new RoomJoined("dev"));

        Assert.Equal(ErrorCodes.BadRoom, user.Decide(new ExitRoom("lobby"), Noon).Refused!.Code);
        Assert.Equal(ErrorCodes.NotInRoom, user.Decide(new ExitRoom("ops"), Noon).Refused!.Code);
        Assert.Equal(new RoomLeft("dev"), Assert.Single(user.Decide(new ExitRoom("dev"), Noon).Events));
        Assert.DoesNotContain("dev", user.Apply(new RoomLeft("dev")).Rooms);
    }

    [Fact]
    public void Going_offline_leaves_every_room()
    {
        var user = Online(Noon).Apply(new RoomJoined("lobby"));

        Assert.Empty(Decided(user, new DetachTerminal(Here.Session), Noon).Rooms);
    }
}
