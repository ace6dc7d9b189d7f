using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Chat.Actors;
using Chat.Actors.Accounts;
using Chat.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Specs.Support;

namespace Chat.Specs.Users;

/// <summary>
/// The user actor's flood gate, seen from the terminals: real sessions, auth and rooms, with
/// probes as the connections (no reader: nothing bounds their chat lines in flight but the
/// account's own bound). All of a user's terminals share one budget, each request counts once
/// however long it waits, chat lines over the budget are held and said later in order, and only
/// a user who keeps pushing past the held lines' bound loses the terminal that pushed.
/// </summary>
public sealed class UserFloodControlSpecs : ActorSpec
{
    private const int Burst = 4;
    private const int StrikesBeforeDisconnect = 2;

    // A token per 1,000 s: nothing refills while a spec runs, so every count below is exact.
    private static readonly ChatSettings Limited = Settings with
    {
        // The account's gate allows its slack over the connection's burst: Burst in all.
        Session = Settings.Session with { FloodBurst = Burst - SessionLimits.AccountBurstSlack, FloodLinesPerSecond = 0.001, FloodStrikesBeforeDisconnect = StrikesBeforeDisconnect },
    };

    private static readonly RequestId LoginId = RequestId.FromString("login");

    private IActorRef _auth = ActorRefs.Nobody;
    private IActorRef _rooms = ActorRefs.Nobody;
    private ChatSettings _settings = Limited;
    private long _lastId;

    /// <summary>A logged-in connection: its session, the probe its frames reach, and every reply it has had so far.</summary>
    private sealed record Terminal(IActorRef Session, TestProbe Client)
    {
        public List<Reply> Replies { get; } = [];
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var hasher = new PasswordHasher(Settings.PasswordIterations);
        foreach (var name in new[] { "alice", "bob" })
            await Store.CreateAccountAsync(new Account(name, hasher.Hash("password1"), name, DateTime.UtcNow));
    }

    private void StartChat(ChatSettings settings)
    {
        _settings = settings;
        _auth = Sys.ActorOf(AuthActor.Props(Store, settings));
        _rooms = Sys.ActorOf(RoomSupervisor.Props(Store, settings), "rooms");
    }

    /// <summary>A connection that has said hello and asked to log in, without waiting for the answer.</summary>
    private Terminal LoggingIn(string user)
    {
        var client = CreateTestProbe();
        var session = StartSession(client, _auth, _rooms, _settings);
        session.Tell(new Hello(1));
        session.Tell(new Login(user, "password1") { Id = LoginId });
        return new Terminal(session, client);
    }

    private Terminal LoggedIn(string user)
    {
        var terminal = LoggingIn(user);
        Assert.Equal(user, Assert.IsType<Ok>(RepliesTo(terminal, LoginId)[LoginId]).User);
        return terminal;
    }

    private RequestId Send(Terminal terminal, ClientFrame frame)
    {
        var id = RequestId.FromNumber(++_lastId);
        terminal.Session.Tell(frame with { Id = id });
        return id;
    }

    private Reply Request(Terminal terminal, ClientFrame frame)
    {
        var id = Send(terminal, frame);
        return RepliesTo(terminal, id)[id];
    }

    /// <summary>The replies to these requests, in whatever order they come; other frames in between are skipped, every reply is kept.</summary>
    private Dictionary<RequestId, Reply> RepliesTo(Terminal terminal, params RequestId[] ids)
    {
        while (!ids.All(id => terminal.Replies.Exists(r => r.Re == id)))
        {
            if (NextFrame(terminal.Client) is Reply { Re: not null } reply)
                terminal.Replies.Add(reply);
        }
        return ids.ToDictionary(id => id, id => terminal.Replies.First(r => r.Re == id));
    }

    /// <summary>Spends the account's chat lines: Burst lines said, one by one.</summary>
    private void SayTheWholeBudget(Terminal terminal)
    {
        for (var i = 0; i < Burst; i++)
            Assert.IsType<Ok>(Request(terminal, new Say("lobby", $"line {i}")));
    }

    /// <summary>Alice on two terminals, the first of which has said the whole budget.</summary>
    private (Terminal Spent, Terminal Other) AliceTwiceOneHavingSaidTheWholeBudget(ChatSettings settings)
    {
        StartChat(settings);
        var spent = LoggedIn("alice");
        var other = LoggedIn("alice");
        SayTheWholeBudget(spent);
        return (spent, other);
    }

    /// <summary>
    /// A chat line the user actor answers as soon as it handles it: a say in a room the user is
    /// not in ("not_in_room"). The gate comes first, so it counts and is held like any other.
    /// </summary>
    private static Say AnsweredAtOnce(string text) => new("nowhere", text);

    /// <summary>
    /// Proves the line (an <see cref="AnsweredAtOnce"/> one) is held, not answered: "away", sent
    /// after it on the same terminal, is answered by the user actor at once too (it is no chat
    /// line: its own bucket, and never behind held lines), so a line handled before it would have
    /// been answered first. Spends one of the other requests' tokens.
    /// </summary>
    private void ExpectHeld(Terminal terminal, params RequestId[] lines)
    {
        var marker = Send(terminal, new SetAway("marker"));
        Assert.IsType<Ok>(RepliesTo(terminal, marker)[marker]);
        Assert.DoesNotContain(terminal.Replies, reply => reply.Re is { } re && lines.Contains(re));
    }

    [Fact]
    public void Two_terminals_of_one_user_share_one_budget_and_other_users_keep_their_own()
    {
        StartChat(Limited);
        var here = LoggedIn("alice");
        var there = LoggedIn("alice");
        var bob = LoggedIn("bob");

        for (var i = 0; i < Burst / 2; i++)
        {
            Assert.IsType<Ok>(Request(here, new Say("lobby", $"here {i}")));
            Assert.IsType<Ok>(Request(there, new Say("lobby", $"there {i}")));
        }
        var oneMore = Send(there, AnsweredAtOnce("one more"));

        // Held for the account's pace (1,000 s here), not refused.
        ExpectHeld(there, oneMore);
        Assert.IsType<Ok>(Request(bob, new Say("lobby", "my own budget")));
    }

    [Fact]
    public void Lines_over_the_accounts_allowance_from_two_terminals_are_held_and_said_later_in_order_none_refused()
    {
        // The case: pasting in two terminals at once, each at its own pace, outruns the
        // account; the account holds what is over and says it at its pace (here 20 a second).
        StartChat(Limited with { Session = Limited.Session with { FloodLinesPerSecond = 20 } });
        var bob = LoggedIn("bob");
        // In the lobby, to hear every line.
        FishFrame<Joined>(bob.Client, j => j.User == "bob");
        var here = LoggedIn("alice");
        var there = LoggedIn("alice");
        const int Lines = 6;

        var pasted = Enumerable.Range(0, Lines)
            .SelectMany(i => new[] { (here, Send(here, new Say("lobby", $"here {i}"))), (there, Send(there, new Say("lobby", $"there {i}"))) })
            .ToList();

        foreach (var (terminal, id) in pasted)
            Assert.IsType<Ok>(RepliesTo(terminal, id)[id]);
        var said = Enumerable.Range(0, 2 * Lines).Select(_ => FishFrame<ChatMessage>(bob.Client, m => m.User == "alice").Text).ToList();
        Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"here {i}"), said.Where(text => text.StartsWith("here", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"there {i}"), said.Where(text => text.StartsWith("there", StringComparison.Ordinal)));
    }

    [Fact]
    public void Lines_held_while_a_join_settles_go_on_behind_the_ones_it_made_wait_in_the_order_they_came()
    {
        StartChat(Limited with { Session = Limited.Session with { FloodLinesPerSecond = 20 } });
        var alice = LoggedIn("alice");
        var bob = LoggedIn("bob");
        Assert.IsType<Ok>(Request(bob, new Join("dev")));

        // The first Burst wait in the user actor's stash for the join; the rest are held by the
        // account's gate and go on at its pace, while it settles or after.
        var join = Send(alice, new Join("dev"));
        var says = Enumerable.Range(0, 3 * Burst).Select(i => Send(alice, new Say("dev", $"line {i}"))).ToArray();

        var replies = RepliesTo(alice, [join, .. says]);
        Assert.All(replies.Values, reply => Assert.IsType<Ok>(reply));
        for (var i = 0; i < says.Length; i++)
            Assert.Equal($"line {i}", FishFrame<ChatMessage>(bob.Client, m => m is { User: "alice", Room: "dev" }).Text);
    }

    [Fact]
    public void Only_a_line_that_finds_the_accounts_held_lines_at_their_bound_is_refused_with_a_retry_after()
    {
        // One terminal, two chat lines in flight, each up to four requests (an IRC message to four
        // targets): the account holds eight.
        StartChat(Limited with { Session = Limited.Session with { InFlightChatLines = 2 } });
        var alice = LoggedIn("alice");
        SayTheWholeBudget(alice);
        var held = Enumerable.Range(0, 2 * SessionLimits.MaxTargetsPerLine).Select(i => Send(alice, AnsweredAtOnce($"held {i}"))).ToArray();

        var limited = Assert.IsType<ErrorReply>(Request(alice, AnsweredAtOnce("over the bound")));

        Assert.Equal(ErrorCodes.RateLimited, limited.Code);
        Assert.Contains("account", limited.Message);
        Assert.True(limited.RetryAfterMs > 0);
        ExpectHeld(alice, held);
    }

    [Fact]
    public void A_terminal_whose_chat_lines_are_spent_leaves_the_other_terminals_requests_answered()
    {
        var (pasting, reading) = AliceTwiceOneHavingSaidTheWholeBudget(Limited);
        var held = Send(pasting, AnsweredAtOnce("one line too many"));

        // The chat bucket is empty and a line is held; the other requests have a bucket of their own.
        Assert.IsType<Roster>(Request(reading, new Who()));
        Assert.IsType<HistoryPage>(Request(reading, new HistoryRequest(Room: "lobby")));
        Assert.IsType<WhoisInfo>(Request(reading, new Whois("bob")));
        ExpectHeld(pasting, held);
    }

    [Fact]
    public void Requests_right_behind_the_login_wait_for_the_user_to_arrive_and_count_once()
    {
        StartChat(Limited);
        var alice = LoggingIn("alice");

        // Stashed by the session while it logs in, then by the user actor while it arrives.
        var ids = Enumerable.Range(0, Burst).Select(i => Send(alice, new Say("lobby", $"line {i}"))).ToArray();
        var overTheBudget = Send(alice, AnsweredAtOnce("one too many"));

        var replies = RepliesTo(alice, [LoginId, .. ids]);
        Assert.All(ids, id => Assert.IsType<Ok>(replies[id]));
        ExpectHeld(alice, overTheBudget);
    }

    [Fact]
    public void Requests_right_behind_a_join_wait_for_it_and_count_once()
    {
        StartChat(Limited);
        var alice = LoggedIn("alice");
        FishFrame<Joined>(alice.Client, j => j.User == "alice");

        // Saying in "dev" works only after the join has settled: these wait in the user actor's stash.
        var join = Send(alice, new Join("dev"));
        // The join spends the other requests' bucket, not the chat lines'.
        var says = Enumerable.Range(0, Burst).Select(i => Send(alice, new Say("dev", $"line {i}"))).ToArray();
        var overTheBudget = Send(alice, AnsweredAtOnce("one too many"));

        var replies = RepliesTo(alice, [join, .. says]);
        Assert.All(replies.Values, reply => Assert.IsType<Ok>(reply));
        ExpectHeld(alice, overTheBudget);
    }

    [Fact]
    public void A_user_who_keeps_overflowing_the_held_lines_loses_the_terminal_that_went_on_with_bye_flooding()
    {
        // One chat line in flight a terminal, each up to four requests: two terminals, eight held lines.
        var (quiet, pushy) = AliceTwiceOneHavingSaidTheWholeBudget(Limited with { Session = Limited.Session with { InFlightChatLines = 1 } });
        // Held, however many lines a client sends at once: never a strike.
        for (var line = 0; line < 2 * SessionLimits.MaxTargetsPerLine; line++)
            Send(pushy, new Say("lobby", $"held {line}"));

        // The first refusal had no hint before it to ignore; each one after it, sent long before
        // its hint (1,000 s), is a strike.
        for (var refusal = 0; refusal <= StrikesBeforeDisconnect; refusal++)
            Assert.Equal(ErrorCodes.RateLimited, Assert.IsType<ErrorReply>(Request(pushy, new Say("lobby", "more"))).Code);
        Send(pushy, new Say("lobby", "and more"));

        var bye = FishFrame<Bye>(pushy.Client);
        Assert.Equal(ErrorCodes.Flooding, bye.Code);
        Assert.Contains("account", bye.Message);
        // The close comes right behind the bye; a broadcast still on its way may come between.
        pushy.Client.FishForMessage<string>(reason => reason.Contains(ErrorCodes.Flooding));
        // Pings are the session's to answer and do not count against the user.
        Assert.IsType<Pong>(Request(quiet, new Ping()));
    }

    [Fact]
    public void Closing_every_terminal_and_coming_straight_back_buys_no_new_burst()
    {
        StartChat(Limited);
        var first = LoggedIn("alice");
        SayTheWholeBudget(first);

        Watch(first.Session);
        first.Session.Tell(ConnectionClosed.Instance);
        ExpectTerminated(first.Session);
        var again = LoggedIn("alice");

        ExpectHeld(again, Send(again, AnsweredAtOnce("fresh start?")));
    }

    [Fact]
    public void A_terminal_that_logs_out_with_lines_held_is_told_each_was_not_sent_and_can_log_in_again()
    {
        StartChat(Limited);
        var alice = LoggedIn("alice");
        SayTheWholeBudget(alice);
        var held = new[] { Send(alice, new Say("lobby", "held 0")), Send(alice, new Say("lobby", "held 1")) };

        var logout = Send(alice, new Logout());

        var replies = RepliesTo(alice, [logout, .. held]);
        Assert.IsType<Ok>(replies[logout]);
        Assert.All(held, id => Assert.Equal(ErrorCodes.NotLoggedIn, Assert.IsType<ErrorReply>(replies[id]).Code));
        var login = Send(alice, new Login("alice", "password1"));
        Assert.Equal("alice", Assert.IsType<Ok>(RepliesTo(alice, login)[login]).User);
    }

    [Fact]
    public void A_terminal_that_closes_with_lines_held_leaves_no_dead_letters()
    {
        var (closing, staying) = AliceTwiceOneHavingSaidTheWholeBudget(Limited);
        Send(closing, new Say("lobby", "held"));
        ExpectHeld(closing, Send(closing, AnsweredAtOnce("held too")));
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        Watch(closing.Session);
        closing.Session.Tell(ConnectionClosed.Instance);
        ExpectTerminated(closing.Session);

        // The user actor has taken in the close by the time it answers the other terminal.
        Assert.IsType<Ok>(Request(staying, new SetAway("still here")));
        var marker = new DeadLetter("marker", TestActor, TestActor);
        Sys.EventStream.Publish(marker);
        var letters = deadLetters.ReceiveWhile<DeadLetter>(letter => letter != marker, RawClient.Patience);
        Assert.DoesNotContain(letters, letter => letter.Message is Reply or FrameRejected);
    }

    [Fact]
    public void Lines_held_when_the_users_shard_hands_off_are_answered_unavailable_with_their_ids()
    {
        StartChat(Limited);
        var alice = LoggedIn("alice");
        SayTheWholeBudget(alice);
        var held = new[] { Send(alice, AnsweredAtOnce("held 0")), Send(alice, AnsweredAtOnce("held 1")) };
        ExpectHeld(alice, held[^1]);

        Sys.ActorSelection("/user/rooms/user-directory/user-alice").Tell(HandOffUser.Instance);

        var replies = RepliesTo(alice, held);
        Assert.All(held, id => Assert.Equal(ErrorCodes.Unavailable, Assert.IsType<ErrorReply>(replies[id]).Code));
    }

    [Fact]
    public async Task The_actor_of_a_user_who_left_stops_once_the_budget_has_filled_up_again()
    {
        // Two tokens a second refill a spent bucket of four in two seconds.
        StartChat(Limited with { Session = Limited.Session with { FloodLinesPerSecond = 2 } });
        var alice = LoggedIn("alice");
        SayTheWholeBudget(alice);
        var user = await Sys.ActorSelection("/user/rooms/user-directory/user-alice").ResolveOne(RawClient.Patience);
        Watch(user);

        alice.Session.Tell(ConnectionClosed.Instance);

        ExpectTerminated(user, RawClient.Patience);
    }
}
