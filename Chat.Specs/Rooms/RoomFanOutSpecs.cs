using Akka.Actor;
using Akka.TestKit;
using Chat.Actors;
using Chat.Actors.Delivery;
using Chat.Protocol;
using Chat.Actors.Rooms;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// How a room sends its members what was committed: a quiet room at once, a busy one in batches
/// (one write per member for many messages) clocked by the writes, always in order, and never so that a joiner's page
/// and the live messages after it overlap or leave a gap.
/// </summary>
public sealed class RoomFanOutSpecs : RoomSpec
{
    private sealed record Member(string Name, TestProbe Connection, ProbeOutput Output, ClientConnection Client, TestProbe User);

    private Member Join(IActorRef room, string name, int capacity = int.MaxValue)
    {
        var connection = CreateTestProbe();
        var output = new ProbeOutput(connection, capacity);
        var member = new Member(name, connection, output, Connect(connection, output), CreateTestProbe());
        // Members back from a reconnect: no "joined" lines in history, so the seqs here are the messages'.
        room.Tell(new JoinRoom(name, name, null, member.User.Ref, [member.Client]) { Returning = true });
        member.User.ExpectMsg<RoomEntered>();
        ExpectFrame<HistoryPage>(connection);
        Assert.Equal(name, ExpectFrame<Joined>(connection).User);
        return member;
    }

    private static void Say(IActorRef room, Member member, string text) => Say(room, member.Name, member.User, text);

    private static void Say(IActorRef room, string name, TestProbe user, string text) =>
        room.Tell(new PostMessage(name, name, text, RequestId.FromNumber(text.GetHashCode()), user.Ref));

    private static List<string> Texts(byte[] frames) => [.. Frames(frames).Select(frame => Assert.IsType<ChatMessage>(frame).Text)];

    [Fact]
    public void A_quiet_room_sends_a_message_at_once_and_what_commits_while_it_is_written_goes_next_together()
    {
        // The next batch goes as soon as the node says it began writing the last.
        var room = OpenRoom();
        var (delivery, user) = JoinBehindDeliveryProbe(room, "alice");

        Say(room, "alice", user, "first");
        Assert.Equal(["first"], Texts(delivery.ExpectMsg<DeliverFanOut>().Frames));
        user.ExpectMsg<Ok>();

        Say(room, "alice", user, "second");
        Say(room, "alice", user, "third");
        AwaitCondition(() => Store.LastRoomSeqAsync("lobby").Result == 3, RawClient.Patience);
        // The room answers a question after the commits; the first fan-out is not written yet, so
        // nothing more went to the node: the marker sent after the answer comes first.
        room.Tell(new ListMembers(null, user.Ref));
        user.ExpectMsg<Roster>();
        delivery.Ref.Tell("marker");
        delivery.ExpectMsg("marker");

        room.Tell(FanOutReceived.Instance, delivery.Ref);
        var next = Texts(delivery.ExpectMsg<DeliverFanOut>().Frames);
        // "third" may have committed just after the room answered: then it is the one after.
        if (next is ["second"])
        {
            room.Tell(FanOutReceived.Instance, delivery.Ref);
            next.AddRange(Texts(delivery.ExpectMsg<DeliverFanOut>().Frames));
        }
        Assert.Equal(["second", "third"], next);
        Assert.Equal(2, user.ReceiveN(2, RawClient.Patience).OfType<Ok>().Count());
    }

    [Fact]
    public void A_busy_room_fans_out_early_rather_than_write_more_than_one_reply_may_carry()
    {
        var room = OpenRoom(Settings with { MaxReplyBytes = 2500 });
        var (delivery, user) = JoinBehindDeliveryProbe(room, "alice");

        // Each frame is about 1,150 bytes: the third in a batch passes 2,500 and the batch goes out
        // though the first fan-out is never confirmed written, so of ten at most two still wait,
        // whatever the commits' grouping.
        for (var i = 0; i < 10; i++)
            Say(room, "alice", user, $"{i}{new string('x', 1000)}");

        var texts = new List<string>();
        while (texts.Count < 8)
        {
            var batch = Texts(delivery.ExpectMsg<DeliverFanOut>().Frames);
            Assert.InRange(batch.Count, 1, 3);
            texts.AddRange(batch.Select(text => text[..1]));
        }
        Assert.Equal(Enumerable.Range(0, texts.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), texts);
    }

    [Fact]
    public void A_joiner_gets_every_message_once_whether_it_committed_before_or_after_the_join()
    {
        var room = OpenRoom();
        var alice = Join(room, "alice");
        Say(room, alice, "first");
        ExpectFrame<ChatMessage>(alice.Connection);
        Say(room, alice, "second");
        Say(room, alice, "third");
        // Usually committed, and waiting for the next fan-out, when the join comes in: the joiner
        // must get of the batch only what comes after its page, or it would get them twice.
        AwaitCondition(() => Store.LastRoomSeqAsync("lobby").Result == 3, RawClient.Patience);

        var carol = CreateTestProbe();
        var carolConnection = Connect(carol);
        room.Tell(new JoinRoom("carol", "carol", null, CreateTestProbe().Ref, [carolConnection]) { Returning = true });

        var toAlice = Enumerable.Range(0, 3).Select(_ => NextFrame(alice.Connection)).ToList();
        Assert.Equal(["second", "third"], toAlice.OfType<ChatMessage>().Select(m => m.Text));
        Assert.Equal("carol", Assert.Single(toAlice.OfType<Joined>()).User);
        var texts = ExpectFrame<HistoryPage>(carol).Messages.OfType<ChatMessage>().Select(m => m.Text).ToList();
        while (texts.Count < 3)
            if (NextFrame(carol) is ChatMessage message)
                texts.Add(message.Text);
        // Then nothing more: a roster asked now goes the way the room's fan-outs go, after any it
        // has sent, so a message sent twice would come before it (rather than waiting out a second
        // of silence, which a loaded machine can break).
        room.Tell(new ListMembers(null, CreateTestProbe().Ref, carolConnection));
        for (var frame = NextFrame(carol); frame is not Roster; frame = NextFrame(carol))
            if (frame is ChatMessage message)
                texts.Add(message.Text);
        Assert.Equal(["first", "second", "third"], texts);
    }

    [Fact]
    public void A_burst_reaches_every_member_in_order_in_fewer_writes_than_messages()
    {
        var room = OpenRoom();
        var alice = Join(room, "alice");
        var bob = Join(room, "bob");
        ExpectFrame<Joined>(alice.Connection);

        var texts = Enumerable.Range(1, 30).Select(i => $"m{i}").ToList();
        foreach (var text in texts)
            Say(room, alice, text);

        Assert.Equal(texts, texts.Select(_ => ExpectFrame<ChatMessage>(bob.Connection).Text));
        Assert.Equal(texts, texts.Select(_ => ExpectFrame<ChatMessage>(alice.Connection).Text));
        Assert.Equal(30, alice.User.ReceiveN(30, RawClient.Patience).OfType<Ok>().Count());
        // The page and the join announcement were writes of their own.
        Assert.InRange(bob.Output.FramesPerWrite.Count - 2, 1, 29);
    }

    [Fact]
    public void A_join_is_answered_on_the_asking_connection_before_the_page_and_the_announcement()
    {
        var room = OpenRoom();
        var alice = Join(room, "alice");
        var asking = CreateTestProbe();
        var other = CreateTestProbe();
        var user = CreateTestProbe();

        var askingConnection = Connect(asking);
        room.Tell(new JoinRoom("bob", "bob", null, user.Ref, [askingConnection, Connect(other)], RequestId.FromNumber(4), askingConnection));

        var ok = ExpectFrame<Ok>(asking);
        Assert.Equal((RequestId.FromNumber(4), "lobby"), (ok.Re, ok.Room));
        ExpectFrame<HistoryPage>(asking);
        ExpectFrame<Joined>(asking);
        ExpectFrame<HistoryPage>(other);
        ExpectFrame<Joined>(other);
        Assert.Equal("lobby", user.ExpectMsg<RoomEntered>().Room);
        Assert.Equal("bob", ExpectFrame<Joined>(alice.Connection).User);
    }

    [Fact]
    public void A_roster_goes_to_the_asking_connection_the_way_events_go_so_a_later_join_comes_after_it()
    {
        var room = OpenRoom();
        var alice = Join(room, "alice");
        var asker = CreateTestProbe();

        room.Tell(new ListMembers(RequestId.FromNumber(7), asker.Ref, alice.Client));
        Join(room, "bob");

        // Through the session (asker) the roster could reach the socket after the "bob joined"
        // that the delivery actor wrote meanwhile, and the client would replace its list with one
        // without bob.
        Assert.Equal(["alice"], ExpectFrame<Roster>(alice.Connection).Users.Select(m => m.User));
        Assert.Equal("bob", ExpectFrame<Joined>(alice.Connection).User);
        asker.Ref.Tell("marker");
        asker.ExpectMsg("marker");
    }

    [Fact]
    public void A_second_terminal_gets_the_page_once_and_then_what_the_first_gets()
    {
        var room = OpenRoom();
        var alice = Join(room, "alice");
        Say(room, alice, "before");
        ExpectFrame<ChatMessage>(alice.Connection);

        var there = CreateTestProbe();
        var thereConnection = Connect(there);
        room.Tell(new MemberConnections("alice", [alice.Client, thereConnection]));
        Assert.Equal("before", Assert.IsType<ChatMessage>(Assert.Single(ExpectFrame<HistoryPage>(there).Messages)).Text);

        Say(room, alice, "after");
        Assert.Equal("after", ExpectFrame<ChatMessage>(alice.Connection).Text);
        Assert.Equal("after", ExpectFrame<ChatMessage>(there).Text);

        room.Tell(new MemberConnections("alice", [thereConnection]));
        Say(room, alice, "only there");
        Assert.Equal("only there", ExpectFrame<ChatMessage>(there).Text);
        // The one fan-out that reached there has been written: alice's connection is not in it.
        ExpectNothingMoreOn(alice.Connection);
    }

    [Fact]
    public void A_member_who_stops_reading_is_cut_off_and_the_others_still_get_everything()
    {
        var room = OpenRoom();
        var alice = Join(room, "alice");
        var slow = Join(room, "slow", capacity: 2);
        ExpectFrame<Joined>(alice.Connection);

        Say(room, alice, "one");
        Say(room, alice, "two");

        Assert.Contains("not reading", slow.Connection.FishForMessage<string>(_ => true, RawClient.Patience));
        Assert.Equal("one", ExpectFrame<ChatMessage>(alice.Connection).Text);
        Assert.Equal("two", ExpectFrame<ChatMessage>(alice.Connection).Text);
    }
}
