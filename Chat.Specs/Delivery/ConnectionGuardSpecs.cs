using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Sessions;
using Chat.Specs.Support;

namespace Chat.Specs.Delivery;

/// <summary>
/// A node clocks its sessions' guards (login deadline, link liveness) with one timer: its delivery
/// actor tells every session it holds a connection for to check them, again and again, rather
/// than each session keeping a timer of its own.
/// </summary>
public sealed class ConnectionGuardSpecs : ActorSpec
{
    [Fact]
    public void Every_open_connection_s_session_is_told_to_check_its_guards_at_every_interval()
    {
        var delivery = Sys.ActorOf(DeliveryActor.Props(FanOutPacing.From(Settings), TimeSpan.FromMilliseconds(50)));
        var alice = CreateTestProbe();
        var bob = CreateTestProbe();
        delivery.Tell(new OpenConnection(alice.Ref, new ProbeOutput(alice)));
        delivery.Tell(new OpenConnection(bob.Ref, new ProbeOutput(bob)));

        foreach (var session in new[] { alice, bob })
        {
            session.ExpectMsg<CheckConnectionGuards>();
            session.ExpectMsg<CheckConnectionGuards>();
        }
    }
}
