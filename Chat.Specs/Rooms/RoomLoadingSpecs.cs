using Akka.Actor;
using Akka.TestKit;
using Chat.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// A room starts by reading its last seq and newest page. When the store cannot answer at first,
/// the room tries again until it can; meanwhile joins wait (up to a bound, past which they are
/// refused as unavailable), and once it recovers nothing is lost or given twice.
/// </summary>
public sealed class RoomLoadingSpecs : ActorSpec
{
    private async Task SayEarlierAsync(string room, params string[] texts)
    {
        var seq = await Store.LastRoomSeqAsync(room);
        foreach (var text in texts)
            await Store.AppendRoomMessageAsync(new RoomMessageRecord(room, ++seq, "carol", "carol", text, DateTime.UtcNow));
    }

    private async Task<IActorRef> StartRoomsAsync(IChatStore store, params string[] users)
    {
        foreach (var user in users)
            await Store.CreateAccountAsync(new Account(user, "not-a-real-hash", user, DateTime.UtcNow));
        return Sys.ActorOf(RoomSupervisor.Props(store, Settings), "rooms");
    }

    /// <summary>A logged-in connection: the login's ok is on it and its user actor is known.</summary>
    private (TestProbe Connection, IActorRef User) Attach(IActorRef rooms, string username)
    {
        var connection = CreateTestProbe();
        rooms.Tell(new UserEnvelope(username, new AttachConnection(username, username, Connect(connection))));
        var (ok, attached) = ExpectLogin(connection);
        Assert.Equal(username, ok.User);
        return (connection, attached.User);
    }

    /// <summary>Joins from users nobody watches, enough to fill what a room holds while it cannot load.</summary>
    private static void FillWhileLoading(IActorRef rooms, string room, IActorRef waiter)
    {
        for (var i = 0; i < RoomActor.MaxHeldWhileLoading; i++)
            rooms.Tell(new RoomEnvelope(room, new JoinRoom($"waiting{i}", $"waiting{i}", null, waiter, [])));
    }

    [Fact]
    public async Task Joins_wait_while_the_history_cannot_be_read_and_get_the_page_once_when_the_store_recovers()
    {
        await SayEarlierAsync("dev", "one", "two", "three");
        var store = new RoomReadsFailingAtFirst(Store, failures: 3, onlyRoom: "dev");
        // Under the real supervisor, whose strategy decides what becomes of a room that fails.
        var rooms = await StartRoomsAsync(store);
        var (alice, aliceUser) = (CreateTestProbe(), CreateTestProbe());
        var (bob, bobUser) = (CreateTestProbe(), CreateTestProbe());

        var (aliceConnection, bobConnection) = (Connect(alice), Connect(bob));
        // Back from a reconnect: no "joined" lines, so the seqs here are the messages'.
        rooms.Tell(new RoomEnvelope("dev", new JoinRoom("alice", "alice", null, aliceUser.Ref, [aliceConnection], RequestId.FromNumber(1), aliceConnection) { Returning = true }));
        rooms.Tell(new RoomEnvelope("dev", new JoinRoom("bob", "bob", null, bobUser.Ref, [bobConnection], RequestId.FromNumber(1), bobConnection) { Returning = true }));

        var room = aliceUser.ExpectMsg<RoomEntered>(RawClient.Patience).RoomActor;
        bobUser.ExpectMsg<RoomEntered>(RawClient.Patience);
        Assert.Equal(3, store.Failed);
        foreach (var connection in new[] { alice, bob })
        {
            var ok = ExpectFrame<Ok>(connection);
            Assert.Equal(("dev", RequestId.FromNumber(1)), (ok.Room, ok.Re));
            var page = ExpectFrame<HistoryPage>(connection);
            Assert.Equal([1L, 2, 3], page.Messages.OfType<ChatMessage>().Select(m => m.Seq));
            Assert.True(page.Complete);
        }
        Assert.Equal(["alice", "bob"], new[] { ExpectFrame<Joined>(alice).User, ExpectFrame<Joined>(alice).User });
        Assert.Equal("bob", ExpectFrame<Joined>(bob).User);

        room.Tell(new PostMessage("alice", "alice", "four", RequestId.FromNumber(2), aliceUser.Ref));

        Assert.Equal(4, aliceUser.ExpectMsg<Ok>(RawClient.Patience).Seq);
        foreach (var connection in new[] { alice, bob })
        {
            var message = ExpectFrame<ChatMessage>(connection);
            Assert.Equal(("four", 4L), (message.Text, message.Seq));
            // The page came once: nothing else followed the message.
            ExpectNothingMoreOn(connection);
        }
        var stored = await Store.RoomMessagesBeforeAsync("dev", long.MaxValue, 50);
        Assert.Equal([(1L, "one"), (2L, "two"), (3L, "three"), (4L, "four")], stored.Select(m => (m.Seq, m.Text)));
    }

    [Fact]
    public async Task A_user_arriving_while_the_lobby_cannot_be_read_gets_in_once_it_recovers_and_what_they_said_meanwhile_goes_after()
    {
        await SayEarlierAsync("lobby", "before");
        var store = new RoomReadsFailingAtFirst(Store, failures: 4);
        var rooms = await StartRoomsAsync(store, "alice");

        var (alice, aliceUser) = Attach(rooms, "alice");
        aliceUser.Tell(new SayInRoom("lobby", "after", RequestId.FromNumber(5)), alice.Ref);

        // The probe is both alice's session and her connection: the room's "ok" reaches it
        // directly, while page, announcement and message come through the delivery actor, so
        // the "ok" may come before any of them (a real session passes it on behind them).
        var frames = new List<ServerFrame>();
        // seq 1 is "before", 2 alice's "joined" line, 3 what she said.
        while (!(frames.OfType<ChatMessage>().Any() && frames.OfType<Ok>().Any(ok => ok.Seq == 3)))
            frames.Add(NextFrame(alice));
        var page = Assert.Single(frames.OfType<HistoryPage>());
        Assert.Equal(["before"], page.Messages.OfType<ChatMessage>().Select(m => m.Text));
        var joinedAt = frames.FindIndex(f => f is Joined { User: "alice" });
        var messageAt = frames.FindIndex(f => f is ChatMessage);
        Assert.True(frames.IndexOf(page) < joinedAt && joinedAt < messageAt, "page, then the join, then what alice said");
        var message = (ChatMessage)frames[messageAt];
        Assert.Equal(("after", 3L), (message.Text, message.Seq));
        Assert.Equal(4, store.Failed);
    }

    [Fact]
    public async Task Once_too_many_wait_for_a_room_that_cannot_be_read_a_join_is_refused_as_unavailable()
    {
        var store = new RoomReadsFailingAtFirst(Store, failures: int.MaxValue, onlyRoom: "dev");
        var rooms = await StartRoomsAsync(store, "alice");
        FillWhileLoading(rooms, "dev", CreateTestProbe().Ref);
        var (alice, aliceUser) = Attach(rooms, "alice");
        FishFrame<Joined>(alice);

        aliceUser.Tell(new Join("dev") { Id = RequestId.FromNumber(9) }, alice.Ref);

        var refused = FishFrame<ErrorReply>(alice);
        Assert.Equal((ErrorCodes.Unavailable, RequestId.FromNumber(9)), (refused.Code, refused.Re));
        // The user is not left waiting for the room: the next request is answered.
        aliceUser.Tell(new SayInRoom("lobby", "still here", RequestId.FromNumber(10)), alice.Ref);
        Assert.Equal("still here", FishFrame<ChatMessage>(alice).Text);
    }

    [Fact]
    public async Task A_user_arriving_when_one_of_their_rooms_is_full_of_waiters_is_told_and_gets_the_others()
    {
        var store = new RoomReadsFailingAtFirst(Store, failures: int.MaxValue, onlyRoom: "dev");
        var rooms = await StartRoomsAsync(store, "alice");
        await Store.AddRoomMemberAsync("dev", "alice");
        FillWhileLoading(rooms, "dev", CreateTestProbe().Ref);

        var (alice, aliceUser) = Attach(rooms, "alice");

        var refused = FishFrame<ErrorReply>(alice);
        Assert.Equal(ErrorCodes.Unavailable, refused.Code);
        Assert.Contains("dev", refused.Message);
        aliceUser.Tell(new SayInRoom("lobby", "in the lobby", RequestId.FromNumber(3)), alice.Ref);
        Assert.Equal("in the lobby", FishFrame<ChatMessage>(alice).Text);
    }
}
