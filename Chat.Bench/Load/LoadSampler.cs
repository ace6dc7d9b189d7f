using System.Diagnostics;

namespace Chat.Bench.Load;

/// <summary>
/// Samples a window every 500 ms on its own: the server's RSS and CPU from /proc/PID, the
/// generator's own CPU, deliveries so far, clients still connected and the senders' current
/// lag. Reading /proc twice a second costs the generator nothing it would notice.
/// </summary>
internal sealed class LoadSampler
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly List<LoadSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LoadSampler(IReadOnlyList<int> hostPids, long startTicks, Func<long> delivered, Func<int> connected, Func<TimeSpan> senderLag) =>
        _loop = Task.Run(() => SampleAsync(hostPids, startTicks, delivered, connected, senderLag));

    public static LoadSampler Start(IReadOnlyList<int> hostPids, long startTicks, Func<long> delivered, Func<int> connected, Func<TimeSpan> senderLag) =>
        new(hostPids, startTicks, delivered, connected, senderLag);

    /// <summary>The generator's cores: the CPUs it may run on (taskset counts), not the machine's.</summary>
    public static int Cores => Environment.ProcessorCount;

    public async Task<IReadOnlyList<LoadSample>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _samples;
    }

    private async Task SampleAsync(IReadOnlyList<int> hostPids, long startTicks, Func<long> delivered, Func<int> connected, Func<TimeSpan> senderLag)
    {
        using var timer = new PeriodicTimer(Interval);
        var previousAt = Stopwatch.GetTimestamp();
        var previousOwn = ProcessStats.OwnCpuSeconds();
        var previousHost = ProcessStats.TryRead(hostPids);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var at = Stopwatch.GetTimestamp();
                var own = ProcessStats.OwnCpuSeconds();
                var host = ProcessStats.TryRead(hostPids);
                var seconds = Stopwatch.GetElapsedTime(previousAt, at).TotalSeconds;
                _samples.Add(new LoadSample(
                    Math.Round(Stopwatch.GetElapsedTime(startTicks, at).TotalSeconds, 2),
                    host?.RssKiB / 1024.0,
                    host is { } h && previousHost is { } p ? Math.Round((h.CpuSeconds - p.CpuSeconds) / seconds * 100, 1) : null,
                    Math.Round((own - previousOwn) / seconds / Cores * 100, 1),
                    delivered(),
                    connected(),
                    Math.Round(senderLag().TotalMilliseconds, 1)));
                (previousAt, previousOwn, previousHost) = (at, own, host);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
