using Akka.Actor;
using Akka.TestKit;
using Chat.Actors;
using Chat.Actors.Accounts;
using Chat.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
using Chat.Actors.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.Users;

/// <summary>
/// The user actor's flood gate, seen from the terminals: real sessions, auth and rooms, with
/// probes as the connections. All of a user's terminals share one budget, each request counts
/// once however long it waits, and a user who keeps pushing loses the terminal that pushed.
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

    private sealed record Terminal(IActorRef Session, TestProbe Client);

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

    /// <summary>The replies to these requests, in whatever order they come; other frames in between are skipped.</summary>
    private Dictionary<RequestId, Reply> RepliesTo(Terminal terminal, params RequestId[] ids)
    {
        var replies = new Dictionary<RequestId, Reply>();
        while (replies.Count < ids.Length)
        {
            if (NextFrame(terminal.Client) is Reply { Re: { } re } reply && ids.Contains(re))
                replies.Add(re, reply);
        }
        return replies;
    }

    private static IEnumerable<RequestId> RateLimitedAmong(Dictionary<RequestId, Reply> replies) =>
        replies.Where(r => r.Value is ErrorReply { Code: ErrorCodes.RateLimited }).Select(r => r.Key);

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
        var id = Send(there, new Say("lobby", "one more"));

        var limited = Assert.IsType<ErrorReply>(RepliesTo(there, id)[id]);
        Assert.Equal(ErrorCodes.RateLimited, limited.Code);
        Assert.Contains("account", limited.Message);
        Assert.True(limited.RetryAfterMs > 0);
        Assert.IsType<Ok>(Request(bob, new Say("lobby", "my own budget")));
    }

    [Fact]
    public void A_terminal_whose_chat_lines_are_spent_leaves_the_other_terminals_requests_answered()
    {
        StartChat(Limited);
        var pasting = LoggedIn("alice");
        var reading = LoggedIn("alice");
        for (var i = 0; i < Burst; i++)
            Assert.IsType<Ok>(Request(pasting, new Say("lobby", $"pasted line {i}")));
        Assert.Equal(ErrorCodes.RateLimited, Assert.IsType<ErrorReply>(Request(pasting, new Say("lobby", "one line too many"))).Code);

        // The chat bucket is empty; the other requests have a bucket of their own.
        Assert.IsType<Roster>(Request(reading, new Who()));
        Assert.IsType<HistoryPage>(Request(reading, new HistoryRequest(Room: "lobby")));
        Assert.IsType<WhoisInfo>(Request(reading, new Whois("bob")));
        Assert.Equal(ErrorCodes.RateLimited, Assert.IsType<ErrorReply>(Request(reading, new Say("lobby", "still spent"))).Code);
    }

    [Fact]
    public void Requests_right_behind_the_login_wait_for_the_user_to_arrive_and_count_once()
    {
        StartChat(Limited);
        var alice = LoggingIn("alice");

        // Stashed by the session while it logs in, then by the user actor while it arrives.
        var ids = Enumerable.Range(0, Burst + 1).Select(i => Send(alice, new Say("lobby", $"line {i}"))).ToArray();

        var replies = RepliesTo(alice, [LoginId, .. ids]);
        Assert.Equal(new[] { ids[^1] }, RateLimitedAmong(replies));
        Assert.All(ids[..^1], id => Assert.IsType<Ok>(replies[id]));
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
        var says = Enumerable.Range(0, Burst + 1).Select(i => Send(alice, new Say("dev", $"line {i}"))).ToArray();

        var replies = RepliesTo(alice, [join, .. says]);
        Assert.Equal(new[] { says[^1] }, RateLimitedAmong(replies));
        Assert.IsType<Ok>(replies[join]);
        Assert.All(says[..^1], id => Assert.IsType<Ok>(replies[id]));
    }

    [Fact]
    public void A_user_who_keeps_flooding_loses_the_terminal_that_went_on_with_bye_flooding()
    {
        StartChat(Limited);
        var quiet = LoggedIn("alice");
        var pushy = LoggedIn("alice");
        for (var i = 0; i < Burst; i++)
            Assert.IsType<Ok>(Request(quiet, new Say("lobby", $"line {i}")));

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
        for (var i = 0; i < Burst; i++)
            Assert.IsType<Ok>(Request(first, new Say("lobby", $"line {i}")));

        Watch(first.Session);
        first.Session.Tell(ConnectionClosed.Instance);
        ExpectTerminated(first.Session);
        var again = LoggedIn("alice");

        Assert.Equal(ErrorCodes.RateLimited, Assert.IsType<ErrorReply>(Request(again, new Say("lobby", "fresh start?"))).Code);
    }

    [Fact]
    public async Task The_actor_of_a_user_who_left_stops_once_the_budget_has_filled_up_again()
    {
        // Two tokens a second refill a spent bucket of four in two seconds.
        StartChat(Limited with { Session = Limited.Session with { FloodLinesPerSecond = 2 } });
        var alice = LoggedIn("alice");
        for (var i = 0; i < Burst; i++)
            Assert.IsType<Ok>(Request(alice, new Say("lobby", $"line {i}")));
        var user = await Sys.ActorSelection("/user/rooms/user-directory/user-alice").ResolveOne(RawClient.Patience);
        Watch(user);

        alice.Session.Tell(ConnectionClosed.Instance);

        ExpectTerminated(user, RawClient.Patience);
    }
}
