using Chat.Bench.Load;
using Chat.Specs.Support;

namespace Chat.Specs.Bench;

/// <summary>
/// Keeps the benchmark working: a tiny fan-out, one long enough for the host's idle probes, and a
/// tiny connect with resume tokens against the real host, in process. Only that they complete, deliver and lose nothing is asserted; timing
/// figures depend on the machine and are never checked here.
/// </summary>
public sealed class LoadGeneratorSmokeSpecs
{
    [Fact]
    public async Task A_small_fanout_delivers_every_message_in_order_to_every_client()
    {
        await using var host = await TestHost.StartAsync();
        var options = Against(host, LoadScenarios.FanoutDefaults) with
        {
            Clients = 20,
            Senders = 4,
            Rate = 100,
            Warmup = TimeSpan.FromSeconds(0.5),
            Duration = TimeSpan.FromSeconds(1.5),
            Drain = TimeSpan.FromSeconds(10),
        };

        var report = await LoadScenarios.FanoutAsync(options, TextWriter.Null);

        Assert.Equal(0, report.Connect!.Failed);
        var window = Assert.Single(report.Rates);
        Assert.True(window.Delivered > 0);
        Assert.Equal(window.Expected, window.Delivered);
        Assert.Equal(0, window.OutOfOrder);
        Assert.Equal(0, window.Disconnected);
    }

    [Fact]
    public async Task A_small_overload_reports_delivery_cut_offs_the_hosts_memory_over_time_and_every_senders_lag()
    {
        await using var host = await TestHost.StartAsync();
        var options = Against(host, LoadScenarios.OverloadDefaults) with
        {
            Clients = 20,
            Senders = 4,
            SustainableRate = 30,
            Duration = TimeSpan.FromSeconds(1.5),
            Drain = TimeSpan.FromSeconds(10),
            // The host runs in this process: its memory is this process's.
            HostPids = [Environment.ProcessId],
        };

        var report = await LoadScenarios.OverloadAsync(options, TextWriter.Null);

        Assert.Equal(30, report.SustainableRate);
        var window = Assert.Single(report.Rates);
        Assert.Equal(90, window.OfferedRate);
        Assert.Equal(window.Expected, window.Delivered);
        Assert.Equal(0, window.Disconnected);
        Assert.Equal(4, window.SenderLag.MaxBySenderMs.Count);
        Assert.NotEmpty(window.Timeline);
        Assert.All(window.Timeline, sample => Assert.True(sample.HostRssMib > 0));
        Assert.True(window.Host!.RssStartMib > 0);
        Assert.Contains("overload: 90/s offered = 3.0x the sustainable 30/s", Printed(report, json: false));
        Assert.Contains("\"timeline\": [", Printed(report, json: true));
    }

    [Fact]
    public async Task The_idle_scenario_after_a_warm_up_reads_the_hosts_memory_with_every_client_connected()
    {
        await using var host = await TestHost.StartAsync();
        var log = new StringWriter();
        var options = Against(host, LoadScenarios.IdleDefaults) with
        {
            Clients = 10,
            WarmUpClients = 4,
            Hold = TimeSpan.Zero,
            // The host runs in this process: its memory is this process's.
            HostPids = [Environment.ProcessId],
        };

        var report = await LoadScenarios.IdleAsync(options, log);

        Assert.Contains("warm-up: 4 clients connected, logged in and left", log.ToString());
        Assert.Equal(0, report.Connect!.Failed);
        Assert.Equal(10, report.Idle!.Connections);
        Assert.Equal(5, report.Idle.ConnectionsHalfway);
        Assert.True(report.Idle.RssAfterMib > 0);
    }

    [Fact]
    public void An_overload_without_a_sustainable_rate_is_refused_before_anything_connects()
    {
        var error = Assert.Throws<ArgumentException>(() => { _ = LoadScenarios.OverloadAsync(LoadScenarios.OverloadDefaults, TextWriter.Null); });

        Assert.Contains("--sustainable", error.Message);
    }

    [Fact]
    public async Task Clients_that_only_listen_answer_the_hosts_idle_probe_and_stay_connected()
    {
        await using var host = await TestHost.StartAsync(extraConfig: "chat.session { idle-probe-after = 1s, probe-answer-within = 1s }");
        var options = Against(host, LoadScenarios.FanoutDefaults) with
        {
            Clients = 10,
            Senders = 2,
            Rate = 10,
            Warmup = TimeSpan.FromSeconds(0.5),
            Duration = TimeSpan.FromSeconds(3.5),
            Drain = TimeSpan.FromSeconds(10),
        };

        var report = await LoadScenarios.FanoutAsync(options, TextWriter.Null);

        var window = Assert.Single(report.Rates);
        Assert.Equal(0, window.Disconnected);
        Assert.Equal(window.Expected, window.Delivered);
    }

    [Fact]
    public async Task A_small_connect_with_resume_tokens_joins_every_client_and_says_it_resumed()
    {
        await using var host = await TestHost.StartAsync();
        var options = Against(host, LoadScenarios.ConnectDefaults) with { Clients = 10, Resume = true };

        var report = await LoadScenarios.ConnectAsync(options, TextWriter.Null);

        var connect = report.Connect!;
        Assert.Equal(0, connect.Failed);
        Assert.Equal(LoginMethod.ResumeToken, connect.Login);
        Assert.Equal(0, connect.PasswordFallbacks);
        Assert.Contains("(login by resume token): 10/10 clients", Printed(report, json: false));
        Assert.Contains("\"login\": \"resume_token\"", Printed(report, json: true));
    }

    /// <summary>
    /// Two addresses of one chat (the host and a relay in front of it, as two nodes of a cluster
    /// would be) and four rooms: every client joins its room through the address it was given,
    /// every message reaches its own room's members only, and both "nodes'" CPU is reported.
    /// </summary>
    [Fact]
    public async Task A_fanout_over_two_servers_and_four_rooms_delivers_each_rooms_messages_to_its_members()
    {
        await using var host = await TestHost.StartAsync();
        await using var relay = new WireTap(host.Endpoint);
        var options = Against(host, LoadScenarios.FanoutDefaults) with
        {
            Servers = LoadLayout.ParseServers($"127.0.0.1:{host.Endpoint.Port},127.0.0.1:{relay.Port}"),
            Rooms = 4,
            Clients = 16,
            Senders = 8,
            Rate = 80,
            Warmup = TimeSpan.FromSeconds(0.5),
            Duration = TimeSpan.FromSeconds(1.5),
            Drain = TimeSpan.FromSeconds(10),
            HostPids = [Environment.ProcessId, Environment.ProcessId],
        };

        var report = await LoadScenarios.FanoutAsync(options, TextWriter.Null);

        Assert.Equal(0, report.Connect!.Failed);
        Assert.Equal(8, relay.Links.Count);
        var window = Assert.Single(report.Rates);
        // 120 messages, each to the 4 members of its sender's room.
        Assert.Equal(120 * 4, window.Expected);
        Assert.Equal(window.Expected, window.Delivered);
        Assert.Equal((0L, 0), (window.OutOfOrder, window.Disconnected));
        Assert.Equal(2, window.Host!.Nodes!.Count);
        Assert.Contains("per node: ", Printed(report, json: false));
    }

    private static LoadOptions Against(TestHost host, LoadOptions defaults) =>
        defaults with { Port = host.Endpoint.Port, HostConfigText = TestHost.FastHashing };

    private static string Printed(LoadReport report, bool json)
    {
        var output = new StringWriter();
        LoadScenarios.Print(report, json, output);
        return output.ToString();
    }
}
