using System.Diagnostics;

namespace Chat.Bench.Load;

/// <summary>
/// Sends on a fixed schedule whatever the server does (open loop): message k of the run is due
/// at start + k/rate and goes to sender k mod S. One thread drives every sender, so the spacing
/// is even across the whole population and no timer per client is needed. The thread only
/// queues each line (<see cref="SendQueue"/> never blocks), so a server that stops reading one
/// sender delays that sender's lines, not the schedule. Every line carries its due time, so
/// the server is charged for any lateness, and two lags are kept apart: how late this thread got
/// to a line (the generator's own lateness: a sign it is saturated) and how late the kernel
/// took it (the server pushing back).
/// </summary>
internal static class OpenLoopSender
{
    private const int MaxMessageBytes = 256;

    public static Task RunAsync(IReadOnlyList<LoadClient> senders, IDialect dialect, DeliveryTracker tracker, double rate, long firstCounter, long count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(senders, dialect, tracker, rate, firstCounter, count);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = "open-loop sender", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        return done.Task;
    }

    private static void Run(IReadOnlyList<LoadClient> senders, IDialect dialect, DeliveryTracker tracker, double rate, long firstCounter, long count)
    {
        var buffer = new byte[MaxMessageBytes];
        var ticksPerMessage = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < count; i++)
        {
            var due = start + (long)(i * ticksPerMessage);
            var reached = WaitUntil(due);
            var counter = firstCounter + i;
            tracker.RecordScheduleLag(counter, reached - due);
            var sender = (int)(counter % senders.Count);
            var length = dialect.FormatMessage(buffer, sender, counter, due);
            senders[sender].SendScheduled(buffer.AsSpan(0, length), counter, due);
        }
    }

    /// <summary>
    /// Sleeps until the message is due and returns the time it got there. Spinning would be more
    /// exact but would take the core the receivers share with this thread; Linux sleeps are about
    /// 1 ms, so at high rates messages leave in small bursts per millisecond, and the lateness
    /// shows in the measured latency and in the schedule lag.
    /// </summary>
    private static long WaitUntil(long due)
    {
        long now;
        while ((now = Stopwatch.GetTimestamp()) < due)
            Thread.Sleep(1);
        return now;
    }
}
