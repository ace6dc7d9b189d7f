using Akka.Actor;
using Akka.TestKit;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// A room announces joins, leaves and renames with the seq of the line it keeps in history; the
/// store holds the line, and a joiner's page has it in its place among the messages.
/// </summary>
public sealed class RoomPresenceLinesSpecs : ActorSpec
{
    /// <summary>
    /// Longer than any spec here runs: "back within the grace" must not race the clock (at 300 ms,
    /// a store read on a loaded machine could take longer, and the return became a join), and "after the
    /// grace" sends the grace timer's message itself.
    /// </summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private IActorRef OpenRoom() => Sys.ActorOf(RoomActor.Props("dev", Store, Settings with { PresenceGrace = Grace }));

    private (TestProbe Connection, TestProbe User) Join(IActorRef room, string name, bool returning = false)
    {
        var (connection, user) = (CreateTestProbe(), CreateTestProbe());
        room.Tell(new JoinRoom(name, name, null, user.Ref, [Connect(connection)]) { Returning = returning });
        user.ExpectMsg<RoomEntered>(RawClient.Patience);
        return (connection, user);
    }

    [Fact]
    public async Task A_join_and_a_rename_are_announced_with_their_seq_stored_and_in_the_next_joiners_page()
    {
        var room = OpenRoom();
        var (bob, bobUser) = Join(room, "bob");
        var joined = FishFrame<Joined>(bob);
        Assert.Equal((1L, "bob"), (joined.Seq, joined.User));
        room.Tell(new PostMessage("bob", "bob", "hi", RequestId.FromNumber(1), bobUser.Ref));
        Assert.Equal(2, bobUser.ExpectMsg<Ok>(RawClient.Patience).Seq);
        room.Tell(new RenameMember("bob", "Bobcat"));
        var renamed = FishFrame<NickChanged>(bob);
        Assert.Equal(("dev", 3L, "bob", "Bobcat"), (renamed.Room, renamed.Seq, renamed.Old, renamed.Nick));

        var (carol, _) = Join(room, "carol");

        var page = FishFrame<HistoryPage>(carol);
        // Carol's own "joined" ends her page; the live one repeats it by seq.
        Assert.Equal([typeof(Joined), typeof(ChatMessage), typeof(NickChanged), typeof(Joined)], page.Messages.Select(m => m.GetType()));
        Assert.Equal([1L, 3L, 4L], page.Messages.OfType<RoomHistoryEvent>().Select(e => e.Seq!.Value));
        Assert.Equal(4, FishFrame<Joined>(bob).Seq);
        await AwaitAssertAsync(async () => Assert.Equal(
            [RoomLineEvents.Joined, null, RoomLineEvents.Nick, RoomLineEvents.Joined],
            (await Store.RoomMessagesBeforeAsync("dev", long.MaxValue, 10)).Select(m => m.Event)), RawClient.Patience);
    }

    [Fact]
    public async Task A_lost_connection_is_announced_at_once_and_kept_after_the_grace_and_a_reconnect_is_no_join()
    {
        var room = OpenRoom();
        var (bob, _) = Join(room, "bob");
        var (carol, carolUser) = Join(room, "carol");
        FishFrame<Joined>(bob, j => j.User == "carol");

        room.Tell(new LeaveRoom("bob") { Disconnected = true });
        var left = FishFrame<Left>(carol);
        Assert.Equal((3L, "bob"), (left.Seq, left.User));
        // Stored at once, so a host stopping within the grace keeps it.
        await AwaitAssertAsync(async () => Assert.Equal(
            (3L, RoomLineEvents.Left),
            (await Store.RoomMessagesBeforeAsync("dev", long.MaxValue, 10)).Select(m => (m.Seq, m.Event)).Last()), RawClient.Patience);

        // Back by a reconnect after the grace passed (its timer's message, sent here so as not to
        // wait on the clock) and the leave was kept: a join again.
        room.Tell(new KeepDeparture("bob", 3));
        Join(room, "bob", returning: true);
        Assert.Equal(4, FishFrame<Joined>(carol, j => j.User == "bob").Seq);

        // Gone and back within the grace: announced live, stored at once (a host stopping now
        // would keep it), then taken back out: kept in no line.
        room.Tell(new LeaveRoom("bob") { Disconnected = true });
        Assert.Equal(5, FishFrame<Left>(carol).Seq);
        await AwaitAssertAsync(async () => Assert.Equal(
            (5L, RoomLineEvents.Left),
            (await Store.RoomMessagesBeforeAsync("dev", long.MaxValue, 10)).Select(m => (m.Seq, m.Event)).Last()), RawClient.Patience);
        Join(room, "bob", returning: true);
        Assert.Null(FishFrame<Joined>(carol, j => j.User == "bob").Seq);
        room.Tell(new PostMessage("carol", "carol", "still here", RequestId.FromNumber(1), carolUser.Ref));
        // Seq 5 was the held leave's: a gap.
        Assert.Equal(6, carolUser.ExpectMsg<Ok>(RawClient.Patience).Seq);
        await AwaitAssertAsync(async () => Assert.Equal(
            [1L, 2L, 3L, 4L, 6L],
            (await Store.RoomMessagesBeforeAsync("dev", long.MaxValue, 10)).Select(m => m.Seq)), RawClient.Patience);
    }

    [Fact]
    public void A_member_whose_user_actor_is_lost_is_said_to_have_left_to_the_others_but_not_to_its_own_open_connections()
    {
        var room = OpenRoom();
        var (bob, bobUser) = Join(room, "bob");
        var (carol, _) = Join(room, "carol");
        FishFrame<Joined>(bob, j => j.User == "carol");

        // Bob's user actor was on a node that was lost; his session here is open until it notices.
        // A "bob left" reaching it would make his client drop the room (a client takes its own
        // "left" for a leave it made on another terminal), though bob left nothing: his user
        // actor's next incarnation brings him back as a returning member, with no "joined".
        Sys.Stop(bobUser.Ref);

        Assert.Equal("bob", FishFrame<Left>(carol).User);
        ExpectNothingMoreOn(bob);
    }
}
