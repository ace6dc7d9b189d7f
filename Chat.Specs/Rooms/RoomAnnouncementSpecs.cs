using Akka.Actor;
using Akka.TestKit;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// A room's announcements (joined, left, renamed, away, ...) ride its fan-out batches with the
/// messages: a storm of joins reaches a member as one write per fan-out, not one per join, in the
/// order the room decided; a connection that enters meanwhile gets its page and, of the batch,
/// only what came after it.
/// </summary>
public sealed class RoomAnnouncementSpecs : RoomSpec
{
    /// <summary>
    /// What the probe node is sent until it has <paramref name="count"/> frames, confirming each
    /// fan-out as it comes: the fan-outs, each as its frames.
    /// </summary>
    private List<List<ServerFrame>> FanOutsUntil(TestProbe delivery, IActorRef room, int count)
    {
        var fanOuts = new List<List<ServerFrame>>();
        while (fanOuts.Sum(frames => frames.Count) < count)
        {
            fanOuts.Add(Frames(delivery.ExpectMsg<DeliverFanOut>(RawClient.Patience).Frames));
            room.Tell(FanOutReceived.Instance, delivery.Ref);
        }
        return fanOuts;
    }

    /// <summary>The probe node says it wrote fan-outs the spec took without confirming.</summary>
    private void Confirm(TestProbe delivery, IActorRef room, int fanOuts)
    {
        for (var i = 0; i < fanOuts; i++)
            room.Tell(FanOutReceived.Instance, delivery.Ref);
    }

    /// <summary>A member on this node, then alice behind the delivery probe; the member has heard both join.</summary>
    private (TestProbe Member, TestProbe Delivery, TestProbe Alice) MemberHereThenAliceBehindProbe(IActorRef room, string member)
    {
        var (connection, _) = JoinOnThisNode(room, member);
        var (delivery, alice) = JoinBehindDeliveryProbe(room, "alice");
        Assert.Equal([member, "alice"], new[] { ExpectFrame<Joined>(connection), ExpectFrame<Joined>(connection) }.Select(j => j.User));
        return (connection, delivery, alice);
    }

    /// <summary>Frames as their JSON lines, to compare what two members were sent.</summary>
    private static List<string> Lines(IEnumerable<ServerFrame> frames) => [.. frames.Select(frame => System.Text.Encoding.UTF8.GetString(Outbound.Encode(frame)))];

    [Fact]
    public void A_burst_of_joins_reaches_a_members_node_in_far_fewer_fan_outs_than_joins()
    {
        var room = OpenRoom();
        var (delivery, _) = JoinBehindDeliveryProbe(room, "alice");
        var joiners = Enumerable.Range(1, 40).Select(i => $"user{i}").ToList();

        // The first join's fan-out goes at once; alice's node says it was written only once all
        // have joined (as a node writing to thousands of sockets would be slow to): the others wait.
        foreach (var name in joiners)
            JoinOnThisNode(room, name);
        var fanOuts = FanOutsUntil(delivery, room, joiners.Count);

        Assert.Equal(joiners, fanOuts.SelectMany(frames => frames).Select(frame => Assert.IsType<Joined>(frame).User));
        // Two: the first join, then the 39 others together (a machine so slow that a fan-out went
        // unconfirmed for 5 s makes the room stop waiting: one more per 5 s).
        Assert.InRange(fanOuts.Count, 2, joiners.Count / 4);
    }

    [Fact]
    public void A_storm_of_joins_fans_out_before_the_batch_passes_what_one_reply_may_carry()
    {
        var room = OpenRoom(Settings with { MaxReplyBytes = 1000 });
        var (delivery, _) = JoinBehindDeliveryProbe(room, "alice");
        var joiners = Enumerable.Range(1, 40).Select(i => $"user{i}").ToList();

        // Never confirmed written: the bound sends the batches (each "joined" is about 70 bytes).
        foreach (var name in joiners)
            JoinOnThisNode(room, name);
        var sent = new List<DeliverFanOut>();
        while (sent.Count < 3)
            sent.Add(delivery.ExpectMsg<DeliverFanOut>(RawClient.Patience));

        // The first join alone, then batches that went as they reached 1,000 bytes: none passes
        // the bound by more than the frame that reached it.
        Assert.All(sent, fanOut => Assert.InRange(fanOut.Frames.Length, 1, 1000 + 100));
        var heard = sent.SelectMany(fanOut => Frames(fanOut.Frames)).Select(frame => Assert.IsType<Joined>(frame).User).ToList();
        Assert.Equal(joiners.Take(heard.Count), heard);
    }

    [Fact]
    public void Every_member_hears_announcements_and_messages_in_one_order_the_order_the_room_decided()
    {
        var room = OpenRoom();
        var (bob, delivery, alice) = MemberHereThenAliceBehindProbe(room, "bob");

        room.Tell(new RenameMember("bob", "Bobby"));
        room.Tell(new PostMessage("alice", "alice", "hello", RequestId.FromNumber(1), alice.Ref));
        room.Tell(new SetPresence("bob", "lunch"));
        JoinOnThisNode(room, "carol");
        room.Tell(new LeaveRoom("carol") { Disconnected = true });

        // The rename went at once; the rest waited for alice's node and came together ("hello"
        // in its place: where its commit came among the others).
        var toAlice = FanOutsUntil(delivery, room, 5).SelectMany(frames => frames).ToList();
        var toBob = Enumerable.Range(0, 5).Select(_ => NextFrame(bob)).ToList();
        Assert.Equal(Lines(toAlice), Lines(toBob));
        Assert.Equal("Bobby", Assert.IsType<NickChanged>(toAlice[0]).Nick);
        Assert.Equal("hello", Assert.Single(toAlice.OfType<ChatMessage>()).Text);
        var events = toAlice.Where(frame => frame is not ChatMessage).ToList();
        Assert.Equal([typeof(NickChanged), typeof(Presence), typeof(Joined), typeof(Left)], events.Select(frame => frame.GetType()));
    }

    [Fact]
    public void A_member_who_leaves_hears_what_waits_up_to_their_own_left_at_once_and_nothing_after()
    {
        var room = OpenRoom();
        var (carol, delivery, _) = MemberHereThenAliceBehindProbe(room, "carol");
        // Goes at once; alice's node does not confirm it: what follows waits.
        room.Tell(new RenameMember("alice", "Alice"));
        Assert.IsType<NickChanged>(Assert.Single(Frames(delivery.ExpectMsg<DeliverFanOut>().Frames)));
        var (bob, _) = JoinOnThisNode(room, "bob");

        room.Tell(new LeaveRoom("carol"));

        // Carol asked to leave: she hears what waited and her own "left" now, though alice's node
        // has not written the last fan-out; alice's node is sent the same at once.
        Assert.Equal("Alice", ExpectFrame<NickChanged>(carol).Nick);
        Assert.Equal("bob", ExpectFrame<Joined>(carol).User);
        Assert.Equal("carol", ExpectFrame<Left>(carol).User);
        Assert.Equal([typeof(Joined), typeof(Left)], Frames(delivery.ExpectMsg<DeliverFanOut>().Frames).Select(frame => frame.GetType()));
        // What comes after reaches the others only.
        room.Tell(new RenameMember("bob", "Bobby"));
        Confirm(delivery, room, 2);
        Assert.IsType<NickChanged>(Assert.Single(FanOutsUntil(delivery, room, 1).Single()));
        FishFrame<NickChanged>(bob);
        ExpectNothingMoreOn(carol);
    }

    [Fact]
    public void A_member_back_while_their_left_waits_does_not_hear_it_after_their_page()
    {
        var room = OpenRoom();
        var (delivery, _) = JoinBehindDeliveryProbe(room, "alice");
        // Dave's "joined" goes at once, and alice's node does not confirm it: what follows waits.
        JoinOnThisNode(room, "dave");
        Assert.Equal("dave", Assert.IsType<Joined>(Assert.Single(Frames(delivery.ExpectMsg<DeliverFanOut>().Frames))).User);
        room.Tell(new LeaveRoom("dave") { Disconnected = true });

        var (back, _) = JoinOnThisNode(room, "dave");
        Confirm(delivery, room, 1);

        // Alice hears both, in one fan-out; dave's new connection only his return (the client
        // would take a "left" of its own user, after the page, as leaving the room).
        Assert.Equal([typeof(Left), typeof(Joined)], FanOutsUntil(delivery, room, 2).Single().Select(frame => frame.GetType()));
        Assert.Equal("dave", ExpectFrame<Joined>(back).User);
        ExpectNothingMoreOn(back);
    }

    [Fact]
    public void A_joiner_while_messages_wait_gets_each_once_in_its_page_or_live_after_it()
    {
        var room = OpenRoom();
        var (delivery, alice) = JoinBehindDeliveryProbe(room, "alice");
        room.Tell(new PostMessage("alice", "alice", "first", RequestId.FromNumber(1), alice.Ref));
        // Goes at once; alice's node does not confirm it: "second" waits in the batch once committed.
        Assert.IsType<ChatMessage>(Assert.Single(Frames(delivery.ExpectMsg<DeliverFanOut>(RawClient.Patience).Frames)));
        room.Tell(new PostMessage("alice", "alice", "second", RequestId.FromNumber(2), alice.Ref));
        AwaitCondition(() => Store.LastRoomSeqAsync("lobby").Result == 2, RawClient.Patience);

        var carol = CreateTestProbe();
        room.Tell(new JoinRoom("carol", "carol", null, CreateTestProbe().Ref, [Connect(carol)]) { Returning = true });
        var page = ExpectFrame<HistoryPage>(carol);
        Confirm(delivery, room, 1);
        FanOutsUntil(delivery, room, 2);

        // "second" committed before carol entered (usually) or after: in her page, or live, not both.
        var inPage = page.Messages.OfType<ChatMessage>().Select(m => m.Text).ToList();
        var live = Enumerable.Range(0, 1 + 2 - inPage.Count).Select(_ => NextFrame(carol)).ToList();
        Assert.Equal("carol", Assert.Single(live.OfType<Joined>()).User);
        Assert.Equal(["first", "second"], inPage.Concat(live.OfType<ChatMessage>().Select(m => m.Text)));
        ExpectNothingMoreOn(carol);
    }
}
