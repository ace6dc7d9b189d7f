using System.Diagnostics;
using HdrHistogram;

namespace Chat.Bench.Load;

/// <summary>
/// What the receivers saw, for the whole client population. Every receive-loop thread records
/// into its own tally (no locks, no shared counters on the hot path); a phase sums them once.
/// Only messages whose counter is inside the phase's measured range count towards delivery and
/// latency; order is checked for every message.
/// </summary>
internal sealed class DeliveryTracker
{
    private MeasuredPhase _phase = new(0, 0);
    private long _lastActivityTicks = Stopwatch.GetTimestamp();
    private int _disconnects;

    public int Disconnects => Volatile.Read(ref _disconnects);

    public MeasuredPhase StartPhase(long firstCounter, long endCounter)
    {
        var phase = new MeasuredPhase(firstCounter, endCounter);
        Volatile.Write(ref _phase, phase);
        return phase;
    }

    public void Record(long counter, long latencyTicks, bool inOrder) =>
        Volatile.Read(ref _phase).Record(counter, latencyTicks, inOrder);

    public void NoteActivity() => Volatile.Write(ref _lastActivityTicks, Stopwatch.GetTimestamp());

    public void NoteDisconnect() => Interlocked.Increment(ref _disconnects);

    /// <summary>Waits until nothing has arrived for <paramref name="quiet"/> (the join storm is over), at most <paramref name="limit"/>.</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan limit)
    {
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until &&
               Stopwatch.GetElapsedTime(Volatile.Read(ref _lastActivityTicks)) < quiet)
            await Task.Delay(50);
    }
}

/// <summary>The counters and latency histogram of one measured window.</summary>
internal sealed class MeasuredPhase(long firstCounter, long endCounter)
{
    /// <summary>Latencies are kept in microseconds, up to a minute, 3 significant digits.</summary>
    private const long HighestMicros = 60_000_000;

    private readonly ThreadLocal<Tally> _tallies = new(() => new Tally(), trackAllValues: true);

    public void Record(long counter, long latencyTicks, bool inOrder)
    {
        var tally = _tallies.Value!;
        if (!inOrder)
            tally.OutOfOrder++;
        if (counter < firstCounter || counter >= endCounter)
            return;
        tally.Delivered++;
        var micros = latencyTicks * 1_000_000 / Stopwatch.Frequency;
        tally.Latency.RecordValue(Math.Clamp(micros, 0, HighestMicros));
    }

    /// <summary>A racy but monotone sum: good enough to see whether everything has arrived.</summary>
    public long DeliveredSoFar() => _tallies.Values.Sum(t => Volatile.Read(ref t.Delivered));

    public (long Delivered, long OutOfOrder, HistogramBase Latency) Totals()
    {
        var latency = NewHistogram();
        long delivered = 0, outOfOrder = 0;
        foreach (var tally in _tallies.Values)
        {
            delivered += tally.Delivered;
            outOfOrder += tally.OutOfOrder;
            latency.Add(tally.Latency);
        }
        return (delivered, outOfOrder, latency);
    }

    private static LongHistogram NewHistogram() => new(HighestMicros, 3);

    private sealed class Tally
    {
        public long Delivered;
        public long OutOfOrder;
        public readonly LongHistogram Latency = NewHistogram();
    }
}
