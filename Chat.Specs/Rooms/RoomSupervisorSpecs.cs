using Akka.Actor;
using Akka.TestKit;
using Chat.Actors;
using Chat.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// The chat below the sockets: the room supervisor, its lobby and user actors, with probes as
/// the connections. Covers membership, fan-out, nicknames, DM routing and multi-terminal users.
/// </summary>
public sealed class RoomSupervisorSpecs : ActorSpec
{
    // The user's flood gate has its own specs (UserFloodControlSpecs). Here it lets every request
    // through and fills up again at once, so a user actor with no connection stops without delay.
    private static readonly ChatSettings Unlimited = Settings with
    {
        Session = Settings.Session with { FloodBurst = 1_000_000, FloodLinesPerSecond = 1_000_000 },
    };

    private IActorRef _rooms = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var name in new[] { "alice", "bob", "carol" })
            await Store.CreateAccountAsync(new Account(name, "not-a-real-hash", name, DateTime.UtcNow));
        _rooms = Sys.ActorOf(RoomSupervisor.Props(Store, Unlimited), "rooms");
    }

    /// <summary>A logged-in connection for the user, and the user actor it is attached to.</summary>
    private (TestProbe Connection, IActorRef User) Attach(string username)
    {
        var connection = CreateTestProbe();
        _rooms.Tell(new UserEnvelope(username, new AttachConnection(username, username, Connect(connection))));
        var (ok, attached) = ExpectLogin(connection);
        Assert.Equal(username, ok.User);
        FishFrame<Joined>(connection, j => j.User == username);
        return (connection, attached.User);
    }

    [Fact]
    public async Task A_connection_hears_its_login_then_unread_counts_then_waiting_DMs_then_the_rooms()
    {
        await Store.AppendDirectMessageAsync(new NewDirectMessage("alice", "alice", "bob", "while you were out", DateTime.UtcNow));
        var bob = CreateTestProbe();

        _rooms.Tell(new UserEnvelope("bob", new AttachConnection("bob", "bob", Connect(bob))));

        // The client ends its arrival at the first room page after "unread": a DM after that
        // page would be counted unread twice.
        Assert.Equal("bob", ExpectLogin(bob).Login.User);
        Assert.Equal("alice", Assert.Single(ExpectFrame<Unread>(bob).Conversations).With);
        Assert.Equal("while you were out", ExpectFrame<DirectMessage>(bob).Text);
        Assert.Equal("lobby", ExpectFrame<HistoryPage>(bob).Room);
    }

    [Fact]
    public void A_second_terminal_hears_its_unread_counts_before_the_rooms_pages()
    {
        var (_, bobUser) = Attach("bob");
        var there = CreateTestProbe();

        _rooms.Tell(new UserEnvelope("bob", new AttachConnection("bob", "bob", Connect(there))));

        Assert.Equal(bobUser, ExpectLogin(there).Attached.User);
        ExpectFrame<Unread>(there);
        Assert.Equal("lobby", ExpectFrame<HistoryPage>(there).Room);
    }

    [Fact]
    public void Members_see_each_other_join_and_leave_on_the_last_close()
    {
        var (alice, _) = Attach("alice");
        var (bob, bobUser) = Attach("bob");

        Assert.Equal("bob", ExpectFrame<Joined>(alice).User);

        bobUser.Tell(new DetachConnection(bob.Ref));
        var left = ExpectFrame<Left>(alice);
        Assert.Equal(("lobby", "bob"), (left.Room, left.User));
    }

    [Fact]
    public void A_message_is_acknowledged_after_commit_and_fanned_out_to_every_member()
    {
        var (alice, aliceUser) = Attach("alice");
        var (bob, _) = Attach("bob");
        ExpectFrame<Joined>(alice);

        aliceUser.Tell(new SayInRoom("lobby", "hello", RequestId.FromNumber(7)), alice.Ref);

        var toBob = ExpectFrame<ChatMessage>(bob);
        // The ack comes from the room, the broadcast through the user actor: either may be first.
        var toSender = new[] { NextFrame(alice), NextFrame(alice) };
        var toAlice = Assert.Single(toSender.OfType<ChatMessage>());
        var ok = Assert.Single(toSender.OfType<Ok>());
        Assert.Equal(toBob, toAlice);
        Assert.Equal(("alice", "hello", toBob.Seq), (toBob.User, toBob.Text, ok.Seq!.Value));
        Assert.Equal(RequestId.FromNumber(7), ok.Re);
    }

    [Fact]
    public async Task Messages_are_stored_in_sequence_order()
    {
        var (alice, aliceUser) = Attach("alice");

        for (var i = 1; i <= 20; i++)
            aliceUser.Tell(new SayInRoom("lobby", $"m{i}", null), alice.Ref);
        var delivered = Enumerable.Range(1, 20).Select(_ => FishFrame<ChatMessage>(alice).Text).ToList();

        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"m{i}"), delivered);
        // seq 1 is alice's "joined" line.
        var stored = (await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 50)).Where(m => m.Event is null).ToList();
        Assert.Equal(delivered, stored.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(2, 20).Select(i => (long)i), stored.Select(m => m.Seq));
    }

    [Fact]
    public void A_user_on_two_terminals_gets_everything_on_both_and_stays_until_both_close()
    {
        var (alice, _) = Attach("alice");
        var (bobHere, bobUser) = Attach("bob");
        var bobThere = CreateTestProbe();
        _rooms.Tell(new UserEnvelope("bob", new AttachConnection("bob", "bob", Connect(bobThere))));
        Assert.Equal(bobUser, ExpectLogin(bobThere).Attached.User);
        ExpectFrame<Joined>(alice);

        bobUser.Tell(new SendDirectMessage("alice", "hi", null), bobHere.Ref);
        FishFrame<DirectMessage>(alice);
        FishFrame<DirectMessage>(bobThere);

        bobUser.Tell(new DetachConnection(bobHere.Ref));
        bobUser.Tell(new SayInRoom("lobby", "still here", null), bobThere.Ref);
        Assert.Equal("still here", FishFrame<ChatMessage>(alice).Text);

        Sys.Stop(bobThere.Ref);
        Assert.Equal("bob", FishFrame<Left>(alice).User);
    }

    [Fact]
    public async Task A_nickname_is_stored_and_announced_to_the_room()
    {
        var (alice, aliceUser) = Attach("alice");
        var (bob, _) = Attach("bob");
        ExpectFrame<Joined>(alice);

        aliceUser.Tell(new ChangeNickname("Al", null), alice.Ref);

        var changed = FishFrame<NickChanged>(bob);
        Assert.Equal(("alice", "alice", "Al"), (changed.User, changed.Old, changed.Nick));
        Assert.Equal("Al", FishFrame<Ok>(alice).Nick);
        Assert.Equal("Al", (await Store.FindAccountAsync("alice"))!.Nickname);
    }

    [Fact]
    public void A_direct_message_reaches_only_the_recipient_and_the_sender()
    {
        var (alice, aliceUser) = Attach("alice");
        var (bob, _) = Attach("bob");
        var (carol, _) = Attach("carol");

        aliceUser.Tell(new SendDirectMessage("bob", "psst", null), alice.Ref);

        var dm = FishFrame<DirectMessage>(bob);
        Assert.Equal(("alice", "bob", "psst"), (dm.From, dm.To, dm.Text));
        Assert.Equal(dm, FishFrame<DirectMessage>(alice));
        // Both DMs travel the same path to carol, so the first she gets shows whether the other leaked.
        aliceUser.Tell(new SendDirectMessage("carol", "for carol", null), alice.Ref);
        Assert.Equal("for carol", FishFrame<DirectMessage>(carol).Text);
    }

    [Fact]
    public void A_direct_message_to_an_unknown_user_is_no_such_user()
    {
        var (alice, aliceUser) = Attach("alice");

        aliceUser.Tell(new SendDirectMessage("nobody", "hello?", RequestId.FromNumber(3)), alice.Ref);

        var error = FishFrame<ErrorReply>(alice);
        Assert.Equal((ErrorCodes.NoSuchUser, RequestId.FromNumber(3)), (error.Code, error.Re));
    }

    [Fact]
    public void A_user_coming_back_while_their_actor_stops_is_attached_to_a_live_actor()
    {
        var (alice, _) = Attach("alice");
        for (var round = 0; round < 20; round++)
        {
            var (bob, bobUser) = Attach("bob");
            bobUser.Tell(new DetachConnection(bob.Ref));
            var again = CreateTestProbe();
            _rooms.Tell(new UserEnvelope("bob", new AttachConnection("bob", "bob", Connect(again))));
            var (_, attached) = ExpectLogin(again);
            attached.User.Tell(new SayInRoom("lobby", $"round {round}", null), again.Ref);
            FishFrame<ChatMessage>(alice, m => m.Text == $"round {round}");
            attached.User.Tell(new DetachConnection(again.Ref));
        }
    }
}
