using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Clients that stop reading, never log in, go silent or come in too great numbers cost the host a bounded amount.</summary>
public sealed class SlowAndSilentClientsEndToEndSpecs
{
    private static async Task<TestHost> StartAsync(string config, params string[] users)
    {
        var host = await TestHost.StartAsync(extraConfig: config);
        // The cap specs register nobody: a registrar's connection still counts for a moment after it closes.
        if (users.Length == 0)
            return host;
        await using var registrar = await host.ConnectAsync();
        await registrar.HelloAsync();
        foreach (var user in users)
            await registrar.RequestAsync(new Register(user, "password1"));
        return host;
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_cut_off_while_everyone_else_gets_every_message()
    {
        await using var host = await StartAsync("""
            chat.protocol { outbound-queue-bytes = 262144, max-line-bytes = 20000, max-reply-bytes = 121024 }
            chat.messages.max-text-chars = 20000
            """, "talker", "reader", "sleeper");
        await using var talker = await RawClient.LoggedInAsync(host, "talker", "password1");
        await using var reader = await RawClient.LoggedInAsync(host, "reader", "password1");
        await using var sleeper = await RawClient.ConnectAsync(host.Endpoint, receiveBufferBytes: 4096);
        await sleeper.HelloAsync();
        Assert.IsType<Ok>(await sleeper.RequestAsync(new Login("sleeper", "password1")));
        await reader.ExpectAsync<Joined>(j => j.User == "sleeper");
        // From here on the sleeper reads nothing.

        var text = new string('z', 16_000);
        var acknowledged = new List<long>();
        using var sleeperGone = new CancellationTokenSource();
        var sleeperLeft = reader.ExpectAsync<Left>(l => l.User == "sleeper").ContinueWith(_ => sleeperGone.Cancel(), TaskScheduler.Default);
        while (!sleeperGone.IsCancellationRequested && acknowledged.Count < 5000)
        {
            var batch = new List<RequestId>();
            for (var i = 0; i < 4; i++)
                batch.Add(await talker.SendAsync(new Say("lobby", text)));
            foreach (var id in batch)
                acknowledged.Add(Assert.IsType<Ok>(await talker.ExpectReplyAsync(id)).Seq!.Value);
        }
        await sleeperLeft;

        foreach (var seq in acknowledged)
            await reader.ExpectAsync<ChatMessage>(m => m.Seq == seq);
        Assert.True(await sleeper.ClosedByHostAsync());
    }

    /// <summary>
    /// Long enough for a connection that logs in at once to do so on a loaded machine (at 400 ms,
    /// a login that took longer closed alice herself); each spec waits it out about once.
    /// </summary>
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromSeconds(3);

    private static readonly string LoginTimeoutConfig = $"chat.session.login-timeout = {LoginTimeout.TotalMilliseconds}ms";

    /// <summary>Waits until a login timeout started no earlier than the stopwatch has passed, with half a second to spare.</summary>
    private static async Task PastLoginTimeoutAsync(System.Diagnostics.Stopwatch sinceConnecting)
    {
        var rest = LoginTimeout + TimeSpan.FromMilliseconds(500) - sinceConnecting.Elapsed;
        if (rest > TimeSpan.Zero)
            await Task.Delay(rest);
    }

    [Fact]
    public async Task A_connection_that_does_not_log_in_in_time_is_told_and_closed_but_one_that_did_stays()
    {
        await using var host = await StartAsync(LoginTimeoutConfig, "alice");
        await using var lingerer = await host.ConnectAsync();
        await lingerer.HelloAsync();
        await using var mute = await host.ConnectAsync();
        var sinceAliceConnected = System.Diagnostics.Stopwatch.StartNew();
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");

        foreach (var idle in new[] { lingerer, mute })
        {
            Assert.Equal(ErrorCodes.LoginTimeout, (await idle.ExpectAsync<Bye>()).Code);
            Assert.True(await idle.ClosedByHostAsync());
        }

        // Past the time alice's own login timeout would have closed her, had her login not stopped it.
        await PastLoginTimeoutAsync(sinceAliceConnected);
        Assert.IsType<Pong>(await alice.RequestAsync(new Ping()));
    }

    [Fact]
    public async Task Logging_out_starts_the_login_timeout_again()
    {
        await using var host = await StartAsync(LoginTimeoutConfig, "alice");
        var sinceConnected = System.Diagnostics.Stopwatch.StartNew();
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        // Past the first login timeout: the bye below can only come from the one the logout starts.
        await PastLoginTimeoutAsync(sinceConnected);

        await alice.RequestAsync(new Logout());

        Assert.Equal(ErrorCodes.LoginTimeout, (await alice.ExpectAsync<Bye>()).Code);
    }

    [Fact]
    public async Task An_idle_link_is_probed_kept_while_it_answers_and_closed_when_it_stops()
    {
        // A probe comes soon, but an answer may take its time: at 300 ms, a spec paused that long
        // on a loaded machine answered too late and the link that did answer was closed.
        await using var host = await StartAsync("chat.session { idle-probe-after = 200ms, probe-answer-within = 2s }", "alice");
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");

        for (var i = 0; i < 3; i++)
        {
            await alice.ExpectAsync<PingProbe>();
            await alice.SendLineAsync("""{"type":"pong"}""");
        }
        await alice.AssertNoneAsync<ErrorReply>();

        await alice.ExpectAsync<PingProbe>();
        Assert.Equal(ErrorCodes.IdleTimeout, (await alice.ExpectAsync<Bye>()).Code);
        Assert.True(await alice.ClosedByHostAsync());
    }

    [Fact]
    public async Task Connections_past_the_per_address_cap_are_told_why_and_closed()
    {
        await using var host = await StartAsync("chat.connections { max-per-address = 2, count-loopback-per-address = on }");
        await using var first = await host.ConnectAsync();
        var second = await host.ConnectAsync();
        await first.HelloAsync();
        await second.HelloAsync();

        await using (var third = await host.ConnectAsync())
        {
            Assert.Equal(ErrorCodes.TooManyConnections, (await third.ExpectAsync<Bye>()).Code);
            Assert.True(await third.ClosedByHostAsync());
        }

        await second.DisposeAsync();
        await Retry.UntilItPassesAsync(async () =>
        {
            await using var again = await host.ConnectAsync();
            await again.HelloAsync();
        });
        Assert.IsType<Pong>(await first.RequestAsync(new Ping()));
    }

    [Fact]
    public async Task Connections_past_the_total_cap_are_told_why_and_closed()
    {
        await using var host = await StartAsync("chat.connections.max-total = 2");
        await using var first = await host.ConnectAsync();
        await using var second = await host.ConnectAsync();
        await first.HelloAsync();
        await second.HelloAsync();

        await using var third = await host.ConnectAsync();

        Assert.Equal(ErrorCodes.TooManyConnections, (await third.ExpectAsync<Bye>()).Code);
    }
}
