using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Delivery;

/// <summary>
/// The delivery actor holds each room's member sessions on its node, so a room's traffic names
/// the room only (issue 14, item 2: a fan-out across nodes carries the bytes, not the members).
/// </summary>
public sealed class RoomAudienceSpecs : ActorSpec
{
    private static readonly ServerFrame Hello = new Joined("lobby", "alice", "alice");

    [Fact]
    public void A_room_fan_out_reaches_the_rooms_audience_on_the_node_and_is_confirmed()
    {
        var alice = CreateTestProbe();
        var bob = CreateTestProbe();
        Delivery.Tell(new RoomAudience("lobby", [Connect(alice).Session]));
        Connect(bob);

        Delivery.Tell(new DeliverFanOut("lobby", Outbound.Encode(Hello)), TestActor);

        ExpectMsg<FanOutReceived>();
        Assert.Equal(Hello, NextFrame(alice));
        ExpectNothingMoreOn(bob);
    }

    [Fact]
    public void A_session_that_entered_mid_batch_is_written_the_batch_from_its_entry_on()
    {
        var (alice, carol) = (CreateTestProbe(), CreateTestProbe());
        Delivery.Tell(new RoomAudience("lobby", [Connect(alice).Session, Connect(carol).Session]));
        var before = Outbound.Encode(Hello);
        var after = Outbound.Encode(new Joined("lobby", "carol", "carol"));

        Delivery.Tell(new DeliverFanOut("lobby", [.. before, .. after]) { Entered = [new EnteredAt(carol.Ref, before.Length)] }, TestActor);

        ExpectMsg<FanOutReceived>();
        Assert.Equal([Hello, new Joined("lobby", "carol", "carol")], [NextFrame(alice), NextFrame(alice)]);
        Assert.Equal(new Joined("lobby", "carol", "carol"), NextFrame(carol));
        ExpectNothingMoreOn(carol);
    }

    [Fact]
    public void An_empty_audience_forgets_the_room()
    {
        var alice = CreateTestProbe();
        Delivery.Tell(new RoomAudience("lobby", [Connect(alice).Session]));
        Delivery.Tell(new RoomAudience("lobby", []));

        Delivery.Tell(new DeliverFanOut("lobby", Outbound.Encode(Hello)), TestActor);

        ExpectMsg<FanOutReceived>();

        ExpectNothingMoreOn(alice);
    }

    [Fact]
    public void A_room_larger_than_a_slice_gets_every_fan_out_once_in_order_each_answered_once()
    {
        // One member a slice: each fan-out is written over three steps, and those sent meanwhile join it.
        var delivery = Sys.ActorOf(DeliveryActor.Props(new FanOutPacing(0, 0, TimeSpan.Zero, 8192, SliceMembers: 1, SlicesFrom: 1, MaxWriteBytes: 1 << 20)));
        var members = new[] { CreateTestProbe(), CreateTestProbe(), CreateTestProbe() };
        foreach (var member in members)
            delivery.Tell(new OpenConnection(member.Ref, new ProbeOutput(member)));
        delivery.Tell(new RoomAudience("lobby", [.. members.Select(member => member.Ref)]));
        var said = Enumerable.Range(1, 5).Select(i => new Joined("lobby", $"user{i}", $"user{i}")).ToList();

        foreach (var frame in said)
            delivery.Tell(new DeliverFanOut("lobby", Outbound.Encode(frame)), TestActor);

        Assert.Equal(5, ReceiveN(5).OfType<FanOutReceived>().Count());
        foreach (var member in members)
        {
            Assert.Equal(said, said.Select(_ => NextFrame(member)));
            // Each once: the marker, sent after, is next.
            delivery.Tell(new Deliver([member.Ref], Outbound.Encode(Marker)));
            Assert.Equal(Marker, NextFrame(member));
        }
    }

    [Fact]
    public void In_a_pause_a_batch_that_outgrew_the_last_write_goes_at_once()
    {
        // A pause of a hundred million times the last write's few microseconds: minutes.
        var delivery = Sys.ActorOf(DeliveryActor.Props(new FanOutPacing(1e8, 1e8, TimeSpan.FromHours(1), 8192, SliceMembers: 1, SlicesFrom: 1, MaxWriteBytes: 1 << 20)));
        var alice = CreateTestProbe();
        delivery.Tell(new OpenConnection(alice.Ref, new ProbeOutput(alice)));
        delivery.Tell(new RoomAudience("lobby", [alice.Ref]));
        var (first, second) = (new Joined("lobby", "bob", "bob"), new Joined("lobby", "cat", "cat"));
        var third = new Joined("lobby", "a-longer-name", "a-longer-name");
        delivery.Tell(new DeliverFanOut("lobby", Outbound.Encode(first)), TestActor);
        Assert.Equal(first, NextFrame(alice));

        // No larger than the last write: it waits out the pause, and a marker sent after comes first.
        delivery.Tell(new DeliverFanOut("lobby", Outbound.Encode(second)), TestActor);
        delivery.Tell(new Deliver([alice.Ref], Outbound.Encode(Marker)));
        Assert.Equal(Marker, NextFrame(alice));
        // With this one what waits is larger than the last write: both go now, in order.
        delivery.Tell(new DeliverFanOut("lobby", Outbound.Encode(third)), TestActor);

        Assert.Equal([second, third], [NextFrame(alice), NextFrame(alice)]);
        Assert.Equal(3, ReceiveN(3).OfType<FanOutReceived>().Count());
    }
}
