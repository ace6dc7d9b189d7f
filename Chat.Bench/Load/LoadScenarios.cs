using System.Text.Json;

namespace Chat.Bench.Load;

/// <summary>
/// The load scenarios. They share one generator and differ in defaults and in what they keep:
/// fanout measures delivery at a rate (or searches the highest passing rate), connect measures
/// the handshake rate, idle measures the server's memory per logged-in connection.
/// </summary>
internal static class LoadScenarios
{
    public static readonly LoadOptions FanoutDefaults = new() { Clients = 2000, Senders = 10, Rate = 50 };
    public static readonly LoadOptions ConnectDefaults = new() { Clients = 2000, Senders = 0 };
    public static readonly LoadOptions IdleDefaults = new() { Clients = 10_000, Senders = 0, Hold = TimeSpan.FromSeconds(5) };
    /// <summary>The whole window is measured: memory and lag from the first overloaded second on.</summary>
    public static readonly LoadOptions OverloadDefaults = new()
    {
        Clients = 2000, Senders = 10, Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(10), Drain = TimeSpan.FromSeconds(10),
    };

    public static Task<LoadReport> FanoutAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken = default) =>
        RunAsync("fanout", options, log, async (run, report, _) =>
        {
            var rates = new List<SendFigures>();
            if (!options.FindMax)
                return report with { Rates = [await SendAndShowAsync(run, options.Rate, log, cancellationToken)] };
            var (best, isFloor) = await RateSearch.FindMaxAsync(run, options, rates, log, cancellationToken);
            return report with { Rates = rates, MaxPassingRate = best, MaxIsFloor = isFloor };
        }, cancellationToken);

    /// <summary>
    /// One window at <see cref="LoadOptions.OverloadFactor"/> times the given sustainable rate:
    /// what is delivered, who is cut off, how the server's memory grows (sampled every 500 ms)
    /// and how far behind schedule the senders get when the server stops reading them.
    /// </summary>
    public static Task<LoadReport> OverloadAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var sustainable = options.SustainableRate ?? throw new ArgumentException("overload needs --sustainable R (msg/s): the rate the server is known to sustain");
        return RunAsync("overload", options, log, async (run, report, _) =>
        {
            var window = await SendAndShowAsync(run, sustainable * options.OverloadFactor, log, cancellationToken);
            return report with { Rates = [window], SustainableRate = sustainable };
        }, cancellationToken);
    }

    public static Task<LoadReport> ConnectAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken = default) =>
        RunAsync("connect", options, log, (_, report, _) => Task.FromResult(report), cancellationToken);

    /// <summary>
    /// Memory per idle connection: half the clients connect, then the rest, and the server's RSS
    /// is read before, between and after (see <see cref="IdleFigures"/>), each time after the host
    /// was left idle for the hold time: a host that gives memory back when it falls quiet does so
    /// at all three readings alike, so none of them flatters the difference.
    /// </summary>
    public static async Task<LoadReport> IdleAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        SayOverlay(options, log);
        using var run = await LoadRun.PrepareAsync(options, log, cancellationToken);
        await WarmUpAsync(run, options, log, cancellationToken);
        await Task.Delay(options.Hold, cancellationToken);
        var before = ProcessStats.TryRead(options.HostPids);
        var half = options.Clients / 2;
        var firstHalf = await run.ConnectUpToAsync(half, cancellationToken);
        await run.SettleAsync(SettleLimit);
        var connectedHalfway = run.Connected;
        await Task.Delay(options.Hold, cancellationToken);
        var halfway = ProcessStats.TryRead(options.HostPids);
        var connect = firstHalf.Then(await run.ConnectUpToAsync(options.Clients, cancellationToken), half, options.Clients - half);
        log.WriteLine(LoadReportText.ConnectLine(options.Clients, connect));
        await run.SettleAsync(SettleLimit);
        var report = new LoadReport("idle", run.Dialect.Name, string.Join(",", options.Layout.Servers), options.Clients, options.Senders,
            options.HostConfigText, connect, [], null, null, 0);
        await Task.Delay(options.Hold, cancellationToken);
        if (before is { } b && halfway is { } h && ProcessStats.TryRead(options.HostPids) is { } after)
        {
            var connected = run.Connected;
            var idle = new IdleFigures(connected, b.RssKiB / 1024.0, after.RssKiB / 1024.0, after.PeakRssKiB / 1024.0,
                (after.RssKiB - b.RssKiB) / (double)Math.Max(1, connected),
                connectedHalfway, h.RssKiB / 1024.0, (after.RssKiB - h.RssKiB) / (double)Math.Max(1, connected - connectedHalfway));
            report = report with { Idle = idle };
            if (options.KeepAfter > TimeSpan.Zero)
            {
                // Said now, not with the report: a script takes the host's heap dump while the connections stay.
                log.WriteLine(LoadReportText.IdleLine(idle));
                log.WriteLine($"   keeping the connections {options.KeepAfter.TotalSeconds:0} s more");
                await Task.Delay(options.KeepAfter, cancellationToken);
            }
        }
        return report with { MachineLoadAtEnd = ProcessStats.LoadAverage() };
    }

    /// <summary>Idle scenario: the warm-up clients connect, log in and leave (none when <see cref="LoadOptions.WarmUpClients"/> is 0).</summary>
    private static async Task WarmUpAsync(LoadRun run, LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (options.WarmUpClients <= 0)
            return;
        var clients = Math.Min(options.WarmUpClients, options.Clients);
        await run.ConnectUpToAsync(clients, cancellationToken);
        await run.SettleAsync(SettleLimit);
        run.DisconnectAll();
        log.WriteLine($"   warm-up: {clients} clients connected, logged in and left");
    }

    public static async Task<SendFigures> SendAndShowAsync(LoadRun run, double rate, TextWriter log, CancellationToken cancellationToken)
    {
        var figures = await run.SendAsync(rate, cancellationToken);
        log.WriteLine(LoadReportText.RateLine(figures));
        return figures;
    }

    private static async Task<LoadReport> RunAsync(
        string scenario, LoadOptions options, TextWriter log, Func<LoadRun, LoadReport, ProcessStats?, Task<LoadReport>> measure, CancellationToken cancellationToken)
    {
        SayOverlay(options, log);
        using var run = await LoadRun.PrepareAsync(options, log, cancellationToken);
        var before = ProcessStats.TryRead(options.HostPids);
        var connect = await run.ConnectAllAsync(cancellationToken);
        log.WriteLine(LoadReportText.ConnectLine(options.Clients, connect));
        await run.SettleAsync(SettleLimit);
        var report = new LoadReport(scenario, run.Dialect.Name, string.Join(",", options.Layout.Servers), options.Clients, options.Senders,
            options.HostConfigText, connect, [], null, null, 0);
        report = await measure(run, report, before);
        return report with { MachineLoadAtEnd = ProcessStats.LoadAverage() };
    }

    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(120);

    private static void SayOverlay(LoadOptions options, TextWriter log)
    {
        if (options.HostConfigText is { } config)
            log.WriteLine($"host configuration overlay (not the production defaults): {config.ReplaceLineEndings("; ")}");
    }

    public static void Print(LoadReport report, bool json, TextWriter output)
    {
        if (json)
            output.WriteLine(JsonSerializer.Serialize(report, LoadJson.Default.LoadReport));
        else
            LoadReportText.Write(report, output);
    }
}
