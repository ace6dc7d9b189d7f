using Akka.Actor;
using Akka.TestKit;
using Chat.Actors.Delivery;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Delivery;

/// <summary>
/// A host that stops tells every client why through the node's one writer, and writes nothing
/// after: a client that hangs up at its farewell causes a "left" that must not reach the others
/// ahead of their own farewell (HostShutdownSpecs shows it on screen).
/// </summary>
public sealed class FarewellSpecs : ActorSpec
{
    private static readonly SayGoodbyeToAll Goodbye = new(ErrorCodes.ShuttingDown, "the host is shutting down");

    [Fact]
    public void Every_connection_gets_the_farewell_last_and_rooms_still_hear_their_fan_out_was_taken()
    {
        var alice = CreateTestProbe();
        var bob = CreateTestProbe();
        Delivery.Tell(new RoomAudience("lobby", [Connect(alice).Session, Connect(bob).Session]));

        Delivery.Tell(Goodbye);
        Delivery.Tell(new Deliver([alice.Ref, bob.Ref], Outbound.Encode(new Pong())));
        Delivery.Tell(new DeliverFanOut("lobby", Outbound.Encode(new Left("lobby", "alice", "alice"))), TestActor);
        Delivery.Tell(new DeliverFanOut("lobby", Outbound.Encode(new Joined("lobby", "carol", "carol"))) { Entered = [new EnteredAt(bob.Ref, 0)] }, TestActor);

        // A room waiting for its fan-out's answer is not left hanging by the stop.
        ExpectMsg<FanOutReceived>();
        ExpectMsg<FanOutReceived>();
        foreach (var probe in new[] { alice, bob })
        {
            Assert.Equal(ErrorCodes.ShuttingDown, ExpectFrame<Bye>(probe).Code);
            Assert.Contains("shutting down", probe.ExpectMsg<string>());
            ExpectNothingMoreBeforeMarker(probe);
        }
    }

    [Fact]
    public void A_connection_opened_after_the_farewell_gets_it_at_once()
    {
        Delivery.Tell(Goodbye);
        var late = CreateTestProbe();
        Connect(late);

        Assert.Equal(ErrorCodes.ShuttingDown, ExpectFrame<Bye>(late).Code);
        Assert.Contains("shutting down", late.ExpectMsg<string>());
    }

    /// <summary>Whatever the writes above sent the probe came before the answer the spec waited for, so before this marker.</summary>
    private static void ExpectNothingMoreBeforeMarker(TestProbe probe)
    {
        probe.Ref.Tell("marker");
        probe.ExpectMsg("marker");
    }
}
