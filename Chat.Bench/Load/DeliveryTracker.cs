using System.Diagnostics;
using HdrHistogram;

namespace Chat.Bench.Load;

/// <summary>
/// What the receivers saw, for the whole client population. Every receive-loop thread records
/// into its own tally (no locks, no shared counters on the hot path); a phase sums them once.
/// Only messages whose counter is inside the phase's measured range count towards delivery,
/// latency and send lag; order is checked for every message.
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

    /// <summary>How long after its due time the kernel took a scheduled line from its sender.</summary>
    public void RecordSendLag(long counter, long lagTicks) => Volatile.Read(ref _phase).RecordSendLag(counter, lagTicks);

    /// <summary>How late the schedule's own thread got to a line: the generator's lateness, not the server's.</summary>
    public void RecordScheduleLag(long counter, long lagTicks) => Volatile.Read(ref _phase).RecordScheduleLag(counter, lagTicks);

    public void NoteActivity(long now) => Volatile.Write(ref _lastActivityTicks, now);

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
        if (!Measured(counter))
            return;
        tally.Delivered++;
        tally.Latency.RecordValue(Micros(latencyTicks));
    }

    public void RecordSendLag(long counter, long lagTicks)
    {
        if (Measured(counter))
            _tallies.Value!.SendLag.RecordValue(Micros(lagTicks));
    }

    public void RecordScheduleLag(long counter, long lagTicks)
    {
        if (Measured(counter))
            _tallies.Value!.ScheduleLag.RecordValue(Micros(lagTicks));
    }

    private bool Measured(long counter) => counter >= firstCounter && counter < endCounter;

    private static long Micros(long ticks) => Math.Clamp(ticks * 1_000_000 / Stopwatch.Frequency, 0, HighestMicros);

    /// <summary>A racy but monotone sum: good enough to see whether everything has arrived.</summary>
    public long DeliveredSoFar() => _tallies.Values.Sum(t => Volatile.Read(ref t.Delivered));

    public PhaseTotals Totals()
    {
        var totals = new PhaseTotals(NewHistogram(), NewHistogram(), NewHistogram());
        foreach (var tally in _tallies.Values)
        {
            totals.Delivered += tally.Delivered;
            totals.OutOfOrder += tally.OutOfOrder;
            totals.Latency.Add(tally.Latency);
            totals.SendLag.Add(tally.SendLag);
            totals.ScheduleLag.Add(tally.ScheduleLag);
        }
        return totals;
    }

    private static LongHistogram NewHistogram() => new(HighestMicros, 3);

    private sealed class Tally
    {
        public long Delivered;
        public long OutOfOrder;
        public readonly LongHistogram Latency = NewHistogram();
        public readonly LongHistogram SendLag = NewHistogram();
        public readonly LongHistogram ScheduleLag = NewHistogram();
    }
}

/// <summary>A phase's sums; histograms in microseconds.</summary>
internal sealed class PhaseTotals(HistogramBase latency, HistogramBase sendLag, HistogramBase scheduleLag)
{
    public long Delivered { get; set; }
    public long OutOfOrder { get; set; }
    /// <summary>From a message's due time (its schedule) to its arrival at a receiver.</summary>
    public HistogramBase Latency { get; } = latency;
    /// <summary>From a message's due time to the kernel taking it from its sender's socket.</summary>
    public HistogramBase SendLag { get; } = sendLag;
    /// <summary>From a message's due time to the schedule thread getting to it.</summary>
    public HistogramBase ScheduleLag { get; } = scheduleLag;
}
