using Akka.Actor;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Protocol;
using Chat.Specs.Support;
using Akka.TestKit;

namespace Chat.Specs.Users;

/// <summary>
/// In a cluster a user's shard is handed off when its node leaves: the user actor is told
/// <see cref="HandOffUser"/> (not a PoisonPill) and stops once what it asked of the store has come
/// back and been answered; every request it held or is sent meanwhile is refused "unavailable"
/// with its id, never dropped (issue 14's gaps).
/// </summary>
public sealed class UserHandOffSpecs : ActorSpec
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.CreateAccountAsync(new Account("alice", "not-a-real-hash", "alice", DateTime.UtcNow));
    }

    [Fact]
    public async Task A_user_handed_off_right_after_a_logout_stops_and_its_last_seen_write_is_done_by_then()
    {
        var (user, connection, _, join) = Arriving();
        user.Tell(new RoomEntered(RoomNames.Lobby, CreateTestProbe().Ref));

        // The logout fires the last-seen write; the hand-off comes straight behind it.
        user.Tell(new DetachConnection(connection.Ref));
        user.Tell(HandOffUser.Instance);

        ExpectTerminated(user, RawClient.Patience);
        Assert.NotNull((await Store.FindAccountAsync("alice"))!.LastSeen);
        Assert.Equal("alice", ((JoinRoom)join.Message).Username);
    }

    [Fact]
    public void A_user_handed_off_with_terminals_still_attached_stops_and_its_sessions_see_it_stop()
    {
        var user = Sys.ActorOf(UserActor.Props("alice", CreateTestProbe().Ref, CreateTestProbe().Ref, Store, Settings));
        var connection = CreateTestProbe();
        user.Tell(new AttachConnection("alice", "alice", Connect(connection)));
        ExpectLogin(connection);
        Watch(user);

        user.Tell(HandOffUser.Instance);

        ExpectTerminated(user, RawClient.Patience);
    }

    [Fact]
    public async Task A_DM_waiting_behind_a_join_when_the_user_hands_off_is_answered_unavailable_with_its_id_before_the_actor_stops_and_not_stored()
    {
        await Store.CreateAccountAsync(new Account("bob", "not-a-real-hash", "bob", DateTime.UtcNow));
        var (user, connection) = SettlingAJoinWithADirectMessageWaiting();

        user.Tell(HandOffUser.Instance);

        var refused = ExpectFrame<ErrorReply>(connection);
        Assert.Equal((ErrorCodes.Unavailable, RequestId.FromNumber(7)), (refused.Code, refused.Re));
        Assert.Contains("moving to another node; say it again", refused.Message);
        // Answered before the stop, and nothing stored: the client says it again to the next incarnation.
        ExpectTerminated(user, RawClient.Patience);
        Assert.Empty(await Store.UndeliveredDirectMessagesAsync("bob", 10));
    }

    [Fact]
    public void A_request_waiting_for_the_users_rooms_at_arrival_is_answered_unavailable_when_the_user_hands_off()
    {
        // The lobby is asked and never answers: alice is still arriving.
        var (user, connection, _, _) = Arriving();
        user.Tell(new HistoryRequest(RoomNames.Lobby) { Id = RequestId.FromNumber(3) }, connection.Ref);

        user.Tell(HandOffUser.Instance);

        var refused = FishFrame<ErrorReply>(connection);
        Assert.Equal((ErrorCodes.Unavailable, RequestId.FromNumber(3)), (refused.Code, refused.Re));
        ExpectTerminated(user, RawClient.Patience);
    }

    [Fact]
    public async Task A_request_that_comes_while_the_user_hands_off_is_refused_and_a_join_stored_meanwhile_is_refused_too()
    {
        var (user, connection) = HandedOffWhileStoring(nameof(IChatStore.AddRoomMemberAsync), new Join("dev") { Id = RequestId.FromNumber(5) });

        var join = ExpectFrame<ErrorReply>(connection);

        // Not taken to the room: the membership is stored, and the next incarnation enters it at arrival.
        Assert.Equal((ErrorCodes.Unavailable, RequestId.FromNumber(5)), (join.Code, join.Re));
        ExpectTerminated(user, RawClient.Patience);
        Assert.Contains("dev", await Store.RoomsOfAsync("alice"));
    }

    [Fact]
    public async Task A_nickname_being_stored_when_the_user_hands_off_is_stored_and_acknowledged_before_the_actor_stops()
    {
        var (user, connection) = HandedOffWhileStoring(nameof(IChatStore.SetNicknameAsync), new ChangeNickname("ally", RequestId.FromNumber(6)));

        var ok = ExpectFrame<Ok>(connection);

        Assert.Equal((RequestId.FromNumber(6), "ally"), (ok.Re, ok.Nick));
        ExpectTerminated(user, RawClient.Patience);
        Assert.Equal("ally", (await Store.FindAccountAsync("alice"))!.Nickname);
    }

    [Fact]
    public void A_read_mark_being_stored_when_the_user_hands_off_is_answered_before_the_actor_stops()
    {
        var (user, connection) = HandedOffWhileStoring(nameof(IChatStore.MarkRoomReadAsync), new MarkRead(0, Room: RoomNames.Lobby) { Id = RequestId.FromNumber(4) });

        Assert.Equal(RequestId.FromNumber(4), FishFrame<Ok>(connection).Re);
        ExpectTerminated(user, RawClient.Patience);
    }

    [Fact]
    public async Task An_ignore_being_stored_when_the_user_hands_off_is_answered_before_the_actor_stops()
    {
        await Store.CreateAccountAsync(new Account("bob", "not-a-real-hash", "bob", DateTime.UtcNow));

        var (user, connection) = HandedOffWhileStoring(nameof(IChatStore.SetIgnoredAsync), new ChangeIgnore("bob", true, RequestId.FromNumber(9)));

        Assert.Equal(RequestId.FromNumber(9), FishFrame<Ok>(connection).Re);
        ExpectTerminated(user, RawClient.Patience);
    }

    [Fact]
    public void A_DM_waiting_behind_a_join_when_the_user_actor_is_stopped_any_other_way_is_answered_unavailable()
    {
        var (user, connection) = SettlingAJoinWithADirectMessageWaiting();

        user.Tell(PoisonPill.Instance);

        var refused = ExpectFrame<ErrorReply>(connection);
        Assert.Equal((ErrorCodes.Unavailable, RequestId.FromNumber(7)), (refused.Code, refused.Re));
        ExpectTerminated(user, RawClient.Patience);
    }

    /// <summary>
    /// Alice online sends <paramref name="request"/> while the store holds its call of
    /// <paramref name="heldCall"/>; then her shard hands off. A whois behind the hand-off is refused
    /// "unavailable" (so the hand-off began with that call in flight); then the call is let go.
    /// </summary>
    private (IActorRef User, TestProbe Connection) HandedOffWhileStoring(string heldCall, object request)
    {
        var held = StoreCallsHeld.Over(Store, heldCall);
        var (user, connection, _) = OnlineInTheLobby(held.Store);
        held.Hold();
        user.Tell(request, connection.Ref);
        user.Tell(HandOffUser.Instance);
        user.Tell(new Whois("bob") { Id = RequestId.FromNumber(8) }, connection.Ref);
        var refused = ExpectFrame<ErrorReply>(connection);
        Assert.Equal((ErrorCodes.Unavailable, RequestId.FromNumber(8)), (refused.Code, refused.Re));
        held.Release();
        return (user, connection);
    }

    /// <summary>Alice settling: her join of dev (id 5) is stored and asked of the room, which has not let her in; a DM (id 7) waits behind it.</summary>
    private (IActorRef User, TestProbe Connection) SettlingAJoinWithADirectMessageWaiting()
    {
        var (user, connection, directory) = OnlineInTheLobby();
        user.Tell(new Join("dev") { Id = RequestId.FromNumber(5) }, connection.Ref);
        directory.ExpectMsg<RoomEnvelope>(e => e is { Room: "dev", Message: JoinRoom }, RawClient.Patience);
        user.Tell(new SendDirectMessage("bob", "hi bob", RequestId.FromNumber(7)), connection.Ref);
        return (user, connection);
    }

    /// <summary>Alice's first terminal attached (the probe is its session), watched; her arrival asked the lobby to let her in, and the lobby has not answered.</summary>
    private (IActorRef User, TestProbe Connection, TestProbe Directory, RoomEnvelope LobbyJoin) Arriving(IChatStore? store = null)
    {
        var directory = CreateTestProbe();
        var user = Sys.ActorOf(UserActor.Props("alice", CreateTestProbe().Ref, directory.Ref, store ?? Store, Settings));
        Watch(user);
        var connection = CreateTestProbe();
        user.Tell(new AttachConnection("alice", "alice", Connect(connection)));
        ExpectLogin(connection);
        var join = directory.ExpectMsg<RoomEnvelope>(e => e is { Room: RoomNames.Lobby, Message: JoinRoom }, RawClient.Patience);
        return (user, connection, directory, join);
    }

    /// <summary>Alice online on one terminal (the probe is its session), in the lobby, her arrival done.</summary>
    private (IActorRef User, TestProbe Connection, TestProbe Directory) OnlineInTheLobby(IChatStore? store = null)
    {
        var (user, connection, directory, _) = Arriving(store);
        user.Tell(new RoomEntered(RoomNames.Lobby, CreateTestProbe().Ref));
        // The arrival's unread counts: handed out before the lobby was asked, so here already.
        FishFrame<Unread>(connection);
        return (user, connection, directory);
    }
}
