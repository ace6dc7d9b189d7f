using HdrHistogram;
using System.Diagnostics;
using System.Net;
using Chat.Bench.Irc;

namespace Chat.Bench.Load;

/// <summary>
/// A population of logged-in clients in one room, and the measured windows run on it. The
/// clients stay connected across windows so a rate search does not pay for the join storm again.
/// </summary>
internal sealed class LoadRun : IDisposable
{
    private static readonly TimeSpan HandshakePatience = TimeSpan.FromSeconds(60);
    /// <summary>Nothing received for this long means the join announcements have all arrived.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly LoadOptions _options;
    private readonly TextWriter _log;
    private readonly List<LoadClient> _clients = [];
    private long _nextCounter;

    private LoadRun(LoadOptions options, IDialect dialect, TextWriter log)
    {
        _options = options;
        Dialect = dialect;
        _log = log;
    }

    public IDialect Dialect { get; }
    public DeliveryTracker Tracker { get; } = new();
    public int Connected => _clients.Count(c => !c.IsClosed);

    public static IDialect DialectFor(LoadOptions options) => options.Protocol == WireProtocol.Irc
        ? new IrcDialect(options.Room, options.RegisterPort)
        : new ChatDialect(options.Layout, options.Resume ? new UnspentResumeTokens(options.Clients) : null);

    public static async Task<LoadRun> PrepareAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var run = new LoadRun(options, DialectFor(options), log);
        await run.Dialect.PrepareAccountsAsync(options, log, cancellationToken);
        return run;
    }

    /// <summary>Connects, logs in and joins every client, <see cref="LoadOptions.ConnectConcurrency"/> at a time.</summary>
    public Task<ConnectFigures> ConnectAllAsync(CancellationToken cancellationToken)
    {
        DisconnectAll();
        return ConnectUpToAsync(_options.Clients, cancellationToken);
    }

    /// <summary>Connects, logs in and joins the clients after those already made, until there are <paramref name="total"/>.</summary>
    public async Task<ConnectFigures> ConnectUpToAsync(int total, CancellationToken cancellationToken)
    {
        var first = _clients.Count;
        var layout = _options.Layout;
        var hostBefore = ProcessStats.TryRead(_options.HostPids);
        var ownBefore = ProcessStats.OwnCpuSeconds();
        var started = Stopwatch.GetTimestamp();
        var failed = 0;
        using var gate = new SemaphoreSlim(_options.ConnectConcurrency);
        var handshakes = Enumerable.Range(first, total - first).Select(async i =>
        {
            var client = new LoadClient(i, _options.UserName(i), Dialect, Tracker, _options.Senders);
            lock (_clients)
                _clients.Add(client);
            await gate.WaitAsync(cancellationToken);
            try
            {
                await client.ConnectAndJoinAsync(layout.ServerOf(i), _options.Password, HandshakePatience, cancellationToken);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                if (Interlocked.Increment(ref failed) <= 3)
                    _log.WriteLine($"client {i} could not join: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(handshakes);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var hostAfter = ProcessStats.TryRead(_options.HostPids);
        _clients.Sort((a, b) => a.Index.CompareTo(b.Index));
        int? passwordFallbacks = Dialect.Login == LoginMethod.ResumeToken ? _clients.Count(c => c.Login == LoginMethod.Password) : null;
        if (passwordFallbacks > 0)
            _log.WriteLine($"{passwordFallbacks} clients had no unspent resume token (a resume cut off before its ok) and logged in with the password");
        return new ConnectFigures(seconds, (total - first - failed) / seconds, failed,
            hostAfter?.CpuSeconds - hostBefore?.CpuSeconds, ProcessStats.OwnCpuSeconds() - ownBefore, Dialect.Login, passwordFallbacks);
    }

    /// <summary>Waits for the join announcements to stop arriving, so a measurement starts from calm.</summary>
    public Task SettleAsync(TimeSpan limit) => Tracker.WaitForQuietAsync(Quiet, limit);

    /// <summary>
    /// One window: warm-up, measured sending at <paramref name="rate"/>, then drain until all
    /// arrived or the drain time is up. The server's CPU is read from the end of the warm-up to
    /// the end of the drain; the sampler runs through the whole window.
    /// </summary>
    public async Task<SendFigures> SendAsync(double rate, CancellationToken cancellationToken)
    {
        var senders = _clients.Take(_options.Senders).ToList();
        var warmupCount = (long)(rate * _options.Warmup.TotalSeconds);
        var measuredCount = Math.Max(1, (long)(rate * _options.Duration.TotalSeconds));
        var first = _nextCounter;
        var measuredFrom = first + warmupCount;
        var measuredTo = measuredFrom + measuredCount;
        _nextCounter = measuredTo;
        var phase = Tracker.StartPhase(measuredFrom, measuredTo);
        var expected = _options.Layout.ExpectedDeliveries(measuredFrom, measuredTo, senders.Count, _clients.Count, Dialect.RecipientsPerMessage);
        var disconnectsBefore = Tracker.Disconnects;
        foreach (var sender in senders)
            sender.TakeMaxSendLag();

        var hostAtStart = ProcessStats.TryRead(_options.HostPids);
        var started = Stopwatch.GetTimestamp();
        var sampler = LoadSampler.Start(_options.HostPids, started, phase.DeliveredSoFar, () => Connected,
            () => senders.Select(s => s.CurrentSendLag()).DefaultIfEmpty().Max());
        var sending = OpenLoopSender.RunAsync(senders, Dialect, Tracker, rate, first, warmupCount + measuredCount);
        var measureFrom = started + (long)(warmupCount / rate * Stopwatch.Frequency);
        var untilMeasured = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom);
        if (untilMeasured > TimeSpan.Zero)
            await Task.Delay(untilMeasured, cancellationToken);
        // ss is a process to start: read beside the window, not in front of it, or a loaded
        // machine would start the measured part late.
        var crossNodeBefore = Task.Run(() => CrossNodeTraffic.TryRead(_options.ClusterPorts));
        var hostBefore = ProcessStats.TryReadEach(_options.HostPids);
        var ownBefore = ProcessStats.OwnCpuSeconds();
        var measuredAt = Stopwatch.GetTimestamp();
        await sending;
        var drainUntil = Stopwatch.GetTimestamp() + (long)(_options.Drain.TotalSeconds * Stopwatch.Frequency);
        while (phase.DeliveredSoFar() < expected && Stopwatch.GetTimestamp() < drainUntil)
            await Task.Delay(20, cancellationToken);
        var wall = Stopwatch.GetElapsedTime(measuredAt).TotalSeconds;
        var hostAfter = ProcessStats.TryReadEach(_options.HostPids);
        var crossNodeAfter = CrossNodeTraffic.TryRead(_options.ClusterPorts);
        var ownCpu = ProcessStats.OwnCpuSeconds() - ownBefore;
        var timeline = await sampler.StopAsync();
        Tracker.StartPhase(0, 0);

        var totals = phase.Totals();
        var latencyMs = Milliseconds(totals.Latency);
        var disconnected = Tracker.Disconnects - disconnectsBefore;
        var generator = GeneratorOver(ownCpu, wall, timeline, Milliseconds(totals.ScheduleLag));
        var senderLag = new SenderLagFigures(Milliseconds(totals.SendLag),
            senders.Select(s => Math.Round(s.TakeMaxSendLag().TotalMilliseconds, 1)).ToList());
        return new SendFigures(
            rate, measuredCount, expected, totals.Delivered,
            DeliveredPercent: 100.0 * totals.Delivered / expected,
            DeliveriesPerSecond: totals.Delivered / _options.Duration.TotalSeconds,
            latencyMs, totals.OutOfOrder, disconnected,
            HostOver(hostAtStart, hostBefore, hostAfter, wall, totals.Delivered, timeline),
            generator, senderLag, timeline,
            CrossNode: crossNodeAfter - await crossNodeBefore is { } bytes ? new CrossNodeFigures(bytes, bytes / (double)measuredCount) : null,
            Passed: totals.Delivered == expected && totals.OutOfOrder == 0 && disconnected == 0 && latencyMs.P99 < _options.MaxP99Ms);
    }

    private static LatencyFigures Milliseconds(HistogramBase micros)
    {
        double Ms(double percentile) => micros.TotalCount == 0 ? 0 : micros.GetValueAtPercentile(percentile) / 1000.0;
        return new LatencyFigures(Ms(50), Ms(90), Ms(99), Ms(99.9), micros.TotalCount == 0 ? 0 : micros.GetMaxValue() / 1000.0);
    }

    private static GeneratorFigures GeneratorOver(double cpuSeconds, double wall, IReadOnlyList<LoadSample> timeline, LatencyFigures scheduleLag)
    {
        var percent = cpuSeconds / wall / LoadSampler.Cores * 100;
        var samples = timeline.Select(s => s.GeneratorCpuPercent).ToList();
        var because = GeneratorSaturation.Judge(percent, samples, scheduleLag.P99);
        return new GeneratorFigures(LoadSampler.Cores, cpuSeconds, percent, samples.DefaultIfEmpty(0).Max(), scheduleLag, because is not null, because);
    }

    /// <summary>
    /// The server's CPU from <paramref name="before"/> (the end of the warm-up) on; its memory from
    /// <paramref name="atStart"/> on. Several processes (cluster nodes) are summed, and each
    /// node's CPU is given too, per million deliveries of the whole window.
    /// </summary>
    private static HostFigures? HostOver(ProcessStats? atStart, IReadOnlyList<ProcessStats>? before, IReadOnlyList<ProcessStats>? after,
        double wall, long delivered, IReadOnlyList<LoadSample> timeline)
    {
        if (atStart is not { } s || before is null || after is null)
            return null;
        var (b, a) = (ProcessStats.Sum(before), ProcessStats.Sum(after));
        var cpu = a.CpuSeconds - b.CpuSeconds;
        var peakInWindow = timeline.Select(s => s.HostRssMib ?? 0).Append(a.RssKiB / 1024.0).Max();
        var nodes = after.Count < 2 ? null : after.Select((node, i) => NodeOver(node.CpuSeconds - before[i].CpuSeconds, wall, delivered)).ToList();
        return new HostFigures(cpu, cpu / wall * 100, PerMillion(cpu, delivered),
            s.RssKiB / 1024.0, a.RssKiB / 1024.0, peakInWindow, a.PeakRssKiB / 1024.0, nodes);
    }

    private static NodeCpuFigures NodeOver(double cpu, double wall, long delivered) => new(cpu, cpu / wall * 100, PerMillion(cpu, delivered));

    private static double? PerMillion(double cpu, long delivered) => delivered == 0 ? null : cpu / delivered * 1_000_000;

    /// <summary>Closes every client made so far; the next connect starts again from the first account.</summary>
    public void DisconnectAll()
    {
        foreach (var client in _clients)
            client.Dispose();
        _clients.Clear();
    }

    public void Dispose() => DisconnectAll();
}
