using System.Net;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Hosting;

/// <summary>
/// The health and metrics listener of a real host, scraped over HTTP after real traffic: the
/// scrape parses as Prometheus text and carries the chat's figures and the runtime's.
/// </summary>
public sealed class HealthAndMetricsEndToEndSpecs
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Healthz_says_ok_and_metrics_count_what_clients_did()
    {
        // prometheus-net exports every .NET counter as a gauge (no _total suffix): a meter's counter
        // can be re-created, and a Prometheus counter must never go down.
        var metricsPort = FreePort.Next();
        // No free failed logins: the second bad password in a row is throttled, and counted.
        await using var host = await TestHost.StartAsync(extraConfig: $"chat.metrics.port = {metricsPort}\nchat.auth.failed-logins.free = 0");
        await using var anonymous = await host.ConnectAsync();
        await anonymous.HelloAsync();
        Assert.IsType<Ok>(await anonymous.RequestAsync(new Register("alice", "password1")));
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "hello metrics")));
        Assert.Equal(ErrorCodes.BadCredentials, Assert.IsType<ErrorReply>(await anonymous.RequestAsync(new Login("mallory", "wrong-password"))).Code);
        Assert.Equal(ErrorCodes.RateLimited, Assert.IsType<ErrorReply>(await anonymous.RequestAsync(new Login("mallory", "wrong-password"))).Code);

        var health = await Http.GetAsync($"http://127.0.0.1:{metricsPort}/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());

        var scrape = await Http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        var samples = PrometheusText.Parse(scrape);
        double Sum(string name, Func<PrometheusSample, bool>? where = null) =>
            samples.Where(s => s.Name == name && (where?.Invoke(s) ?? true)).Sum(s => s.Value);
        bool Has(string name) => samples.Any(s => s.Name == name);

        Assert.True(Sum("chat_connections_open") >= 2, "two connections are open:\n" + string.Join('\n', scrape.Split('\n').Where(l => l.Contains("chat_"))));
        Assert.True(Sum("chat_logins", s => s.Labels.GetValueOrDefault("outcome") == "ok") >= 1);
        Assert.True(Sum("chat_messages_received") >= 1);
        Assert.True(Sum("chat_messages_delivered") >= 1);
        Assert.True(Sum("chat_frames_received") >= 5);
        Assert.True(Sum("chat_outbound_bytes") > 0);
        Assert.True(Has("chat_outbound_queued_bytes"));
        Assert.True(Sum("chat_fanout_duration_count") >= 1);
        Assert.True(Has("chat_fanout_duration_bucket"));
        Assert.True(Sum("chat_store_commit_duration_count") >= 1);
        Assert.True(Sum("chat_logins", s => s.Labels.GetValueOrDefault("outcome") == ErrorCodes.BadCredentials) >= 1);
        Assert.True(Sum("chat_throttled", s => s.Labels.GetValueOrDefault("kind") == "login") >= 1);
        Assert.Contains(samples, s => s.Name.Contains("gc_collections", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Name.Contains("thread_pool", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lines_over_the_flood_limit_are_counted()
    {
        var metricsPort = FreePort.Next();
        await using var host = await TestHost.StartAsync(extraConfig: $"chat.metrics.port = {metricsPort}\nchat.session.flood {{ burst = 2, lines-per-second = 0.001, max-held-lines = 1 }}");
        await using var client = await host.ConnectAsync();
        await client.HelloAsync();
        Assert.IsType<Pong>(await client.RequestAsync(new Ping()));

        // The third line is held (for 1,000 s); the fourth finds the held queue full.
        await client.SendAsync(new Ping());
        await client.ExpectErrorAsync(new Ping(), ErrorCodes.RateLimited);

        var samples = PrometheusText.Parse(await Http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics"));
        Assert.Contains(samples, s => s.Name == "chat_flood" && s.Labels.GetValueOrDefault("scope") == "connection" && s.Labels.GetValueOrDefault("outcome") == "refused" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "chat_inbound_held" && s.Labels.GetValueOrDefault("scope") == "connection" && s.Value >= 1);
    }

    [Fact]
    public async Task Lines_held_for_the_users_allowance_across_terminals_are_counted_as_the_accounts()
    {
        var metricsPort = FreePort.Next();
        await using var host = await TestHost.StartAsync(extraConfig: $"chat.metrics.port = {metricsPort}\nchat.session.flood {{ burst = 5, lines-per-second = 0.001, max-held-lines = 4 }}");
        await using (var setup = await host.ConnectAsync())
        {
            await setup.HelloAsync();
            Assert.IsType<Ok>(await setup.RequestAsync(new Register("alice", "password1")));
        }
        // Five terminals, two lines each, all within each terminal's allowance (hello, login, two
        // lines and a marker): ten lines against the user's seven (the burst and the account's
        // slack of two), so three wait at the account.
        var terminals = new List<RawClient>();
        for (var i = 0; i < 5; i++)
            terminals.Add(await RawClient.LoggedInAsync(host, "alice", "password1"));
        try
        {
            foreach (var terminal in terminals)
            {
                await terminal.SendAsync(new Say("lobby", "one"));
                await terminal.SendAsync(new Say("lobby", "two"));
            }

            // The marker: "away" is answered by the user actor at once (a bucket of its own, never
            // behind held lines), after the lines its terminal sent before it. Once every terminal's
            // is, the account's gate has decided on all ten.
            foreach (var terminal in terminals)
                Assert.IsType<Ok>(await terminal.RequestAsync(new SetAway("marker")));

            var samples = PrometheusText.Parse(await Http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics"));
            Assert.Contains(samples, s => s.Name == "chat_inbound_held" && s.Labels.GetValueOrDefault("scope") == "account" && s.Value >= 3);
        }
        finally
        {
            foreach (var terminal in terminals)
                await terminal.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_listener_is_off_unless_a_port_is_given()
    {
        await using var host = await TestHost.StartAsync();

        Assert.Null(host.Configuration.Observability.MetricsPort);
    }
}
