using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Flood control holds lines over the allowance and lets them on in order, refuses only past the held lines, and cuts off only a sender that ignores its hints.</summary>
public sealed class FloodControlEndToEndSpecs : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 1, strikes-before-disconnect = 20 }");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<TestHost> StartHostAsync(string floodConfig)
    {
        var host = await TestHost.StartAsync(extraConfig: floodConfig);
        await using var registrar = await host.ConnectAsync();
        await registrar.HelloAsync();
        await registrar.RequestAsync(new Register("alice", "password1"));
        await registrar.RequestAsync(new Register("bob", "password1"));
        return host;
    }

    /// <summary>
    /// A script that writes its registration, its login and a long paste at once: lines past the
    /// held queue are refused rate_limited, and a refusal told to the session while it waited for
    /// the registration's or the login's outcome was once taken for that outcome (the login was
    /// lost, its answer never came, and the paste was refused "log in first").
    /// </summary>
    [Fact]
    public async Task Lines_refused_while_a_registration_and_a_login_are_under_way_do_not_stand_in_for_their_answers()
    {
        await using var client = await _host.ConnectAsync();
        var hello = await client.SendAsync(new Hello(1, "specs"));
        var register = await client.SendAsync(new Register("carol", "password1"));
        var login = await client.SendAsync(new Login("carol", "password1"));
        var paste = new List<RequestId>();
        for (var i = 0; i < 60; i++)
            paste.Add(await client.SendAsync(new Say("lobby", $"paste {i}")));

        Assert.IsType<Welcome>(await client.ExpectReplyAsync(hello));
        Assert.IsType<Ok>(await client.ExpectReplyAsync(register));
        Assert.NotNull(Assert.IsType<Ok>(await client.ExpectReplyAsync(login)).Resume);
        foreach (var id in paste)
        {
            var reply = await client.ExpectReplyAsync(id);
            // Said or refused for its pace, never "log in first".
            Assert.True(reply is Ok || reply is ErrorReply { Code: ErrorCodes.RateLimited }, $"{id}: {reply}");
        }
    }

    [Fact]
    public async Task A_pasted_twenty_line_block_arrives_whole_and_in_order_at_the_allowances_pace_without_a_refusal()
    {
        // 10 lines a second: hello and login take two of the burst of ten, eight lines go at once,
        // the other twelve are held and go on one every 100 ms.
        await using var host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 10 }");
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password1");
        await alice.ExpectAsync<Joined>(j => j.User == "bob");

        var paste = new List<RequestId>();
        for (var i = 0; i < 20; i++)
            paste.Add(await alice.SendAsync(new Say("lobby", $"paste {i}")));

        foreach (var id in paste)
            Assert.IsType<Ok>(await alice.ExpectReplyAsync(id));
        for (var i = 0; i < 20; i++)
            Assert.Equal($"paste {i}", (await bob.ExpectAsync<ChatMessage>(m => m.User == "alice")).Text);
        Assert.Null(alice.TryTake<ErrorReply>());
    }

    [Fact]
    public async Task Only_a_line_that_finds_the_held_lines_full_is_refused_with_a_retry_after()
    {
        // Practically no refill while the spec runs, so the counts are exact.
        await using var host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 0.001, max-held-lines = 2 }");
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        var sent = new List<RequestId>();
        for (var i = 0; i < 11; i++)
            sent.Add(await alice.SendAsync(new Say("lobby", $"line {i}")));

        // Eight go on (hello and login took two of the ten), two are held, the eleventh is refused.
        var limited = Assert.IsType<ErrorReply>(await alice.ExpectReplyAsync(sent[10]));
        Assert.Equal(ErrorCodes.RateLimited, limited.Code);
        Assert.True(limited.RetryAfterMs > 0);
        for (var i = 0; i < 8; i++)
            Assert.IsType<Ok>(await alice.ExpectReplyAsync(sent[i]));
    }

    [Fact]
    public async Task A_client_that_waits_every_retry_hint_it_is_given_is_never_disconnected_and_every_line_arrives_in_order()
    {
        // No held lines: every line over the allowance is refused, and the client waits as told.
        // Before, obeying the hint counted as a strike: two strikes here would have cut it off.
        // Five lines a second: a client that sends each line once the last is answered outruns
        // that unless its round trips average 200 ms, so hints are given however loaded the
        // machine (at 50 a second, round trips over 20 ms, a store commit each, gave none).
        await using var host = await StartHostAsync(
            "chat.session.flood { burst = 5, lines-per-second = 5, max-held-lines = 0, close-after-ignoring-hints-for = 100ms, strikes-before-disconnect = 2 }");
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password1");
        await alice.ExpectAsync<Joined>(j => j.User == "bob");

        var refusals = 0;
        const int Lines = 30;
        for (var i = 0; i < Lines; i++)
        {
            while (await alice.RequestAsync(new Say("lobby", $"line {i}")) is ErrorReply refused)
            {
                Assert.Equal(ErrorCodes.RateLimited, refused.Code);
                refusals++;
                await Task.Delay(TimeSpan.FromMilliseconds(refused.RetryAfterMs!.Value));
            }
        }

        for (var i = 0; i < Lines; i++)
            Assert.Equal($"line {i}", (await bob.ExpectAsync<ChatMessage>(m => m.User == "alice")).Text);
        // Still connected: a ping (sent as told, like every line) is answered, with no bye before it.
        while (await alice.RequestAsync(new Ping()) is ErrorReply refused)
            await Task.Delay(TimeSpan.FromMilliseconds(refused.RetryAfterMs!.Value));
        Assert.Null(alice.TryTake<Bye>());
        // Hints were given and waited (see the rate above), so the spec proved something.
        Assert.True(refusals > 0);
    }

    [Fact]
    public async Task A_ping_and_a_whois_behind_a_backlog_of_fifty_held_lines_are_answered_before_the_backlog_is()
    {
        await using var host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 10, max-held-lines = 60 }");
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        var says = new List<RequestId>();
        for (var i = 0; i < 58; i++)
            says.Add(await alice.SendAsync(new Say("lobby", $"backlog {i}")));
        var ping = await alice.SendAsync(new Ping());
        var whois = await alice.SendAsync(new Whois("bob"));

        // Replies in the order they came, until the ping's and the whois's.
        var answeredBefore = new HashSet<RequestId?>();
        for (var seen = 0; seen < 2;)
        {
            var reply = await alice.ExpectAsync<Reply>();
            if (reply.Re == ping || reply.Re == whois)
                seen++;
            else if (reply.Re is { } re && says.Contains(re))
                answeredBefore.Add(Assert.IsType<Ok>(reply).Re);
        }
        // Fifty were held behind the burst, going on ten a second: the last had not been answered yet.
        Assert.DoesNotContain(says[^1], answeredBefore);
        foreach (var id in says.Where(id => !answeredBefore.Contains(id)))
            Assert.IsType<Ok>(await alice.ExpectReplyAsync(id));
    }

    [Fact]
    public async Task A_sender_that_keeps_sending_before_its_hints_is_told_why_and_disconnected_and_nobody_else_notices()
    {
        await using var host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 2, max-held-lines = 5, close-after-ignoring-hints-for = 1s }");
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password1");
        await alice.ExpectAsync<Joined>(j => j.User == "bob");

        // Bob sends a line every 20 ms and reads nothing, until the host hangs up (at most 10 s).
        try
        {
            for (var i = 0; i < 500; i++)
            {
                await bob.SendLineAsync("""{"type":"say","room":"lobby","text":"spam"}""");
                await Task.Delay(20);
            }
        }
        catch (IOException)
        {
            // Closed for flooding while still sending.
        }

        var bye = await bob.ExpectAsync<Bye>();
        Assert.Equal(ErrorCodes.Flooding, bye.Code);
        Assert.True(await bob.ClosedByHostAsync());
        await alice.ExpectAsync<Left>(l => l.User == "bob");
        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "quiet again")));
    }

    [Fact]
    public async Task A_second_terminal_does_not_buy_a_user_more_lines()
    {
        // Practically no refill while the spec runs: on a loaded machine its eleven requests can
        // take over a second, and at the class's 1 line/s the user's bucket would refill one.
        await using var host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 0.001, strikes-before-disconnect = 20 }");
        // The login lines count against each connection, not yet against the user.
        await using var first = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var second = await RawClient.LoggedInAsync(host, "alice", "password1");
        for (var i = 0; i < 6; i++)
        {
            Assert.IsType<Ok>(await first.RequestAsync(new Say("lobby", $"first {i}")));
            Assert.IsType<Ok>(await second.RequestAsync(new Say("lobby", $"second {i}")));
        }

        // Each connection has sent 8 lines of its 10, but the user has spent all 12 (10 and the
        // slack): the next line is held for the account's pace, not said. It is a say in a room
        // alice is not in, answered at once when handled; "away", behind it on the same
        // connection and answered at once too, overtakes it (other requests have their own
        // bucket and never wait behind chat lines), so an answer to the line would have come first.
        await second.SendAsync(new Say("nowhere", "one more"));
        Assert.IsType<Ok>(await second.RequestAsync(new SetAway("marker")));
        // Handled, the line would have been answered "not_in_room" before the marker's "ok".
        Assert.Null(second.TryTake<ErrorReply>());
    }

    [Fact]
    public async Task A_user_pasting_in_two_terminals_at_once_has_every_line_said_in_order_and_none_refused()
    {
        // Each connection paces its own paste (8 at once, the rest at 10 a second); together they
        // outrun the account's 10 a second, which holds what is over and says it at its pace.
        await using var host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 10 }");
        await using var here = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var there = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password1");
        await here.ExpectAsync<Joined>(j => j.User == "bob");
        const int Lines = 20;

        var pasted = new List<(RawClient Terminal, RequestId Id)>();
        for (var i = 0; i < Lines; i++)
        {
            pasted.Add((here, await here.SendAsync(new Say("lobby", $"here {i}"))));
            pasted.Add((there, await there.SendAsync(new Say("lobby", $"there {i}"))));
        }

        foreach (var (terminal, id) in pasted)
            Assert.IsType<Ok>(await terminal.ExpectReplyAsync(id));
        var said = new List<string>();
        for (var i = 0; i < 2 * Lines; i++)
            said.Add((await bob.ExpectAsync<ChatMessage>(m => m.User == "alice")).Text);
        Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"here {i}"), said.Where(text => text.StartsWith("here", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"there {i}"), said.Where(text => text.StartsWith("there", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_user_who_keeps_flooding_from_two_terminals_loses_the_one_that_went_on()
    {
        // Practically no refill while the spec runs, so the counts are exact.
        await using var host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 0.001, strikes-before-disconnect = 1 }");
        await using var quiet = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var pushy = await RawClient.LoggedInAsync(host, "alice", "password1");
        // Requests that are not chat lines: the account refuses those over its allowance (chat
        // lines it holds, and a connection's reader never lets enough of them in flight to fill
        // the account's held lines: a host's own clients cannot flood the account with them).
        for (var i = 0; i < 7; i++)
            Assert.IsType<WhoisInfo>(await quiet.RequestAsync(new Whois("bob")));
        for (var i = 0; i < 5; i++)
            Assert.IsType<WhoisInfo>(await pushy.RequestAsync(new Whois("bob")));

        // Each connection is within its own ten lines (quiet keeps one for its ping); the account
        // has spent its twelve (ten and the slack). The first refusal had no hint before it to
        // ignore; the next, sent long before its hint, is the strike.
        for (var refusal = 0; refusal < 2; refusal++)
            Assert.Contains("account", (await pushy.ExpectErrorAsync(new Whois("bob"), ErrorCodes.RateLimited)).Message);
        await pushy.SendAsync(new Whois("bob"));

        var bye = await pushy.ExpectAsync<Bye>();
        Assert.Equal((ErrorCodes.Flooding, true), (bye.Code, bye.Message.Contains("account")));
        Assert.True(await pushy.ClosedByHostAsync());
        // The other terminal stays; a ping is no request of the account's.
        Assert.IsType<Pong>(await quiet.RequestAsync(new Ping()));
    }

    [Fact]
    public async Task Text_and_line_limits_hold_at_their_defaults()
    {
        await using var alice = await RawClient.LoggedInAsync(_host, "alice", "password1");

        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", new string('a', 4000))));
        var tooLong = await alice.ExpectErrorAsync(new Say("lobby", new string('a', 4001)), ErrorCodes.BadText);
        Assert.Contains("4000", tooLong.Message);

        await alice.SendLineAsync("{\"type\":\"ping\",\"pad\":\"" + new string('x', 16 * 1024) + "\"}");
        Assert.Equal(ErrorCodes.FrameTooLong, (await alice.ExpectAsync<ErrorReply>()).Code);
        Assert.IsType<Pong>(await alice.RequestAsync(new Ping()));
    }
}
