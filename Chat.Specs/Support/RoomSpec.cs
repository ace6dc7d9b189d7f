using Akka.Actor;
using Akka.TestKit;
using Chat.Actors;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Protocol;

namespace Chat.Specs.Support;

/// <summary>
/// Specs of what a room sends its members' nodes. A member behind a delivery probe is on a node
/// whose fan-outs are taken only when the spec says so (it answers <see cref="FanOutReceived"/>),
/// as a node busy writing to thousands of sockets would; other members are on the spec's own
/// delivery actor, which writes and answers at once.
/// </summary>
public abstract class RoomSpec : ActorSpec
{
    protected IActorRef OpenRoom(ChatSettings? settings = null) => Sys.ActorOf(RoomActor.Props("lobby", Store, settings ?? Settings));

    /// <summary>A member whose node's delivery actor is a probe: the spec decides when a fan-out is written.</summary>
    protected (TestProbe Delivery, TestProbe User) JoinBehindDeliveryProbe(IActorRef room, string name)
    {
        var delivery = CreateTestProbe();
        var user = CreateTestProbe();
        var connection = new ClientConnection(CreateTestProbe().Ref, delivery.Ref);
        // Members back from a reconnect: no "joined" lines in history, so the seqs here are the messages'.
        room.Tell(new JoinRoom(name, name, null, user.Ref, [connection]) { Returning = true });
        user.ExpectMsg<RoomEntered>(RawClient.Patience);
        delivery.ExpectMsg<Deliver>(RawClient.Patience); // the page
        // Who the room's traffic goes to on this node, told once; then the announcement names the room only.
        Assert.Equal(connection.Session.Path, delivery.ExpectMsg<RoomAudience>(a => a.Room == "lobby").Sessions.Single().Path);
        // Its own "joined" is the room's first fan-out to the node, written at once here.
        Assert.Equal(name, Assert.IsType<Joined>(Assert.Single(Frames(delivery.ExpectMsg<DeliverFanOut>().Frames))).User);
        room.Tell(FanOutReceived.Instance, delivery.Ref);
        return (delivery, user);
    }

    /// <summary>A member on the spec's own node (its delivery actor writes at once), once the room has let them in and sent the page.</summary>
    protected (TestProbe Connection, TestProbe User) JoinOnThisNode(IActorRef room, string name)
    {
        var (connection, user) = (CreateTestProbe(), CreateTestProbe());
        room.Tell(new JoinRoom(name, name, null, user.Ref, [Connect(connection)]) { Returning = true });
        user.ExpectMsg<RoomEntered>(RawClient.Patience);
        ExpectFrame<HistoryPage>(connection);
        return (connection, user);
    }

    /// <summary>The frames of one fan-out, in the order they were written.</summary>
    protected static List<ServerFrame> Frames(byte[] frames) =>
        [.. System.Text.Encoding.UTF8.GetString(frames).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => FrameCodec.Server.Decode(System.Text.Encoding.UTF8.GetBytes(line)).Frame ?? throw new InvalidOperationException($"undecodable: {line}"))];
}
