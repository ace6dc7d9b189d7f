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
/// (one write per member for many messages), always in order, and never so that a joiner's page
/// and the live messages after it overlap or leave a gap.
/// </summary>
public sealed class RoomFanOutSpecs : ActorSpec
{
    private sealed record Member(string Name, TestProbe Connection, ProbeOutput Output, ClientConnection Client, TestProbe User);

    /// <param name="fanOutIntervalForTwo">The fan-out interval while the room has two members.</param>
    private IActorRef OpenRoom(TimeSpan fanOutIntervalForTwo) =>
        Sys.ActorOf(RoomActor.Props("lobby", Store, Settings with { FanOutIntervalPerThousandMembers = fanOutIntervalForTwo * 500 }));

    private Member Join(IActorRef room, string name, int capacity = int.MaxValue)
    {
        var connection = CreateTestProbe();
        var output = new ProbeOutput(connection, capacity);
        var member = new Member(name, connection, output, Connect(connection, output), CreateTestProbe());
        room.Tell(new JoinRoom(name, name, null, member.User.Ref, [member.Client]));
        member.User.ExpectMsg<RoomEntered>();
        ExpectFrame<HistoryPage>(connection);
        Assert.Equal(name, ExpectFrame<Joined>(connection).User);
        return member;
    }

    private static void Say(IActorRef room, Member member, string text) =>
        room.Tell(new PostMessage(member.Name, member.Name, text, RequestId.FromNumber(text.GetHashCode()), member.User.Ref));

    [Fact]
    public void A_quiet_room_sends_a_message_at_once_and_holds_the_next_ones_for_the_interval()
    {
        var room = OpenRoom(TimeSpan.FromHours(1));
        var alice = Join(room, "alice");
        var bob = Join(room, "bob");
        ExpectFrame<Joined>(alice.Connection);

        Say(room, alice, "first");
        Assert.Equal("first", ExpectFrame<ChatMessage>(bob.Connection).Text);
        alice.User.ExpectMsg<Ok>();

        Say(room, alice, "second");
        Say(room, alice, "third");
        AwaitCondition(() => Store.LastRoomSeqAsync("lobby").Result == 3, RawClient.Patience);

        // The room answers a question after the commits, and still has sent nothing: no "ok",
        // no message.
        room.Tell(new ListMembers(null, alice.User.Ref));
        alice.User.ExpectMsg<Roster>();
        ExpectNothingMoreOn(bob.Connection);
    }

    [Fact]
    public void A_busy_room_fans_out_early_rather_than_write_more_than_one_reply_may_carry()
    {
        var room = Sys.ActorOf(RoomActor.Props("lobby", Store, Settings with { FanOutIntervalPerThousandMembers = TimeSpan.FromHours(500), MaxReplyBytes = 2500 }));
        var alice = Join(room, "alice");
        var bob = Join(room, "bob");
        ExpectFrame<Joined>(alice.Connection);

        // Each frame is about 1,150 bytes: the third in a batch passes 2,500 and the batch goes out
        // without waiting the hour, so of ten at most two are still waiting, whatever the commits' grouping.
        for (var i = 0; i < 10; i++)
            Say(room, alice, $"{i}{new string('x', 1000)}");

        var texts = Enumerable.Range(0, 8).Select(_ => ExpectFrame<ChatMessage>(bob.Connection).Text[..1]).ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), texts);
        Assert.InRange(bob.Output.FramesPerWrite.Max(), 1, 3);
    }

    [Fact]
    public void A_joiner_gets_every_message_once_whether_it_committed_before_or_after_the_join()
    {
        var room = OpenRoom(TimeSpan.FromMilliseconds(300));
        var alice = Join(room, "alice");
        Say(room, alice, "first");
        ExpectFrame<ChatMessage>(alice.Connection);
        Say(room, alice, "second");
        Say(room, alice, "third");
        // Usually committed, and waiting for the next fan-out, when the join comes in: what waits
        // must go out before the join, or the joiner would get it in the page and again live.
        AwaitCondition(() => Store.LastRoomSeqAsync("lobby").Result == 3, RawClient.Patience);

        var carol = CreateTestProbe();
        room.Tell(new JoinRoom("carol", "carol", null, CreateTestProbe().Ref, [Connect(carol)]));

        var toAlice = Enumerable.Range(0, 3).Select(_ => NextFrame(alice.Connection)).ToList();
        Assert.Equal(["second", "third"], toAlice.OfType<ChatMessage>().Select(m => m.Text));
        Assert.Equal("carol", Assert.Single(toAlice.OfType<Joined>()).User);
        var page = ExpectFrame<HistoryPage>(carol);
        var live = new List<string>();
        while (carol.ReceiveOne(TimeSpan.FromSeconds(1)) is { } frame)
            if (frame is ChatMessage message)
                live.Add(message.Text);
        Assert.Equal(["first", "second", "third"], page.Messages.Cast<ChatMessage>().Select(m => m.Text).Concat(live));
    }

    [Fact]
    public void A_burst_reaches_every_member_in_order_in_fewer_writes_than_messages()
    {
        var room = OpenRoom(TimeSpan.FromMilliseconds(100));
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
        var room = OpenRoom(TimeSpan.Zero);
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
    public void A_second_terminal_gets_the_page_once_and_then_what_the_first_gets()
    {
        var room = OpenRoom(TimeSpan.Zero);
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
        var room = OpenRoom(TimeSpan.Zero);
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
