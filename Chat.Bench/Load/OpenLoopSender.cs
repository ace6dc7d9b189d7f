using System.Diagnostics;

namespace Chat.Bench.Load;

/// <summary>
/// Sends on a fixed schedule whatever the server does (open loop): message k of the run is due
/// at start + k/rate and goes to sender k mod S. One thread drives every sender, so the spacing
/// is even across the whole population and no timer per client is needed. A late send keeps
/// its scheduled time in its text, so the server is charged for any back-pressure it causes.
/// </summary>
internal static class OpenLoopSender
{
    private const int MaxMessageBytes = 256;

    public static Task RunAsync(IReadOnlyList<LoadClient> senders, IDialect dialect, double rate, long firstCounter, long count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(senders, dialect, rate, firstCounter, count);
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

    private static void Run(IReadOnlyList<LoadClient> senders, IDialect dialect, double rate, long firstCounter, long count)
    {
        var buffer = new byte[MaxMessageBytes];
        var ticksPerMessage = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < count; i++)
        {
            var due = start + (long)(i * ticksPerMessage);
            WaitUntil(due);
            var counter = firstCounter + i;
            var sender = (int)(counter % senders.Count);
            var length = dialect.FormatMessage(buffer, sender, counter, due);
            senders[sender].Send(buffer.AsSpan(0, length));
        }
    }

    /// <summary>
    /// Sleeps until the message is due. Spinning would be more exact but would take the core the
    /// receivers share with this thread; Linux sleeps are about 1 ms, so at high rates messages
    /// leave in small bursts per millisecond, and the lateness shows in the measured latency.
    /// </summary>
    private static void WaitUntil(long due)
    {
        while (Stopwatch.GetTimestamp() < due)
            Thread.Sleep(1);
    }
}
