using Akka.Actor;
using Akka.TestKit;
using Chat.Actors.Directories;
using Chat.Actors.Rooms;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// A room with no member and nothing pending lets its directory stop it after a quiet spell,
/// with the handshake of a shard region: it asks, the directory holds what comes for it, and the
/// room either stops (the next message starts it again, with its history) or stays.
/// </summary>
public sealed class RoomPassivationSpecs : ActorSpec
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void An_empty_room_asks_to_stop_and_stays_if_someone_joined_in_the_meantime()
    {
        // The spec is the room's parent: it gets what the room tells its directory.
        var room = ChildActorOf(RoomActor.Props("dev", Store, Settings with { RoomPassivateIdleAfter = Quiet }));
        var stop = ExpectMsg<Passivate>(RawClient.Patience).StopMessage;
        var alice = CreateTestProbe();
        var user = CreateTestProbe();
        room.Tell(new JoinRoom("alice", "alice", null, user.Ref, [Connect(alice)]) { Returning = true });
        user.ExpectMsg<RoomEntered>();

        room.Tell(stop);

        // Under load the room may have asked to stop again while the join's store write was out:
        // such asks were sent before it had a member and are passed over; the answer to the stop is to stay.
        FishForMessage(message => message is not Passivate && Assert.IsType<StayActive>(message) is not null, RawClient.Patience);
        room.Tell(new PostMessage("alice", "alice", "still open", RequestId.FromNumber(1), user.Ref));
        Assert.Equal(1, user.ExpectMsg<Ok>(RawClient.Patience).Seq);
    }

    [Fact]
    public async Task A_room_everyone_left_stops_and_the_next_join_starts_it_again_with_its_history()
    {
        var rooms = Sys.ActorOf(RoomDirectory.Props(Store, Settings with { RoomPassivateIdleAfter = Quiet }));
        var alice = CreateTestProbe();
        var user = CreateTestProbe();
        rooms.Tell(new RoomEnvelope("dev", new JoinRoom("alice", "alice", null, user.Ref, [Connect(alice)]) { Returning = true }));
        var first = user.ExpectMsg<RoomEntered>(RawClient.Patience).RoomActor;
        first.Tell(new PostMessage("alice", "alice", "remember me", RequestId.FromNumber(1), user.Ref));
        user.ExpectMsg<Ok>(RawClient.Patience);
        Watch(first);

        first.Tell(new LeaveRoom("alice"));

        ExpectTerminated(first, RawClient.Patience);
        // The message, then alice's "left" line.
        Assert.Equal(2, await Store.LastRoomSeqAsync("dev"));
        var bob = CreateTestProbe();
        rooms.Tell(new RoomEnvelope("dev", new JoinRoom("bob", "bob", null, user.Ref, [Connect(bob)])));
        Assert.NotEqual(first, user.ExpectMsg<RoomEntered>(RawClient.Patience).RoomActor);
        var page = FishFrame<HistoryPage>(bob);
        Assert.Equal(["remember me"], page.Messages.OfType<ChatMessage>().Select(m => m.Text));
        Assert.Equal("alice", Assert.Single(page.Messages.OfType<Left>()).User);
    }
}
