using System.Runtime;
using System.Runtime.InteropServices;

namespace Chat.Host.Hosting;

/// <summary>
/// Gives memory back to the system when the host falls quiet after a busy spell. A storm of
/// connections leaves the GC holding far more than the idle connections need: free space
/// between the survivors, large arrays that dictionaries outgrew, and its allocation reserve
/// (at 10,000 idle connections about 3 KiB per connection beyond the live heap; docs/benchmarks.md,
/// "Memory per connection"). The GC keeps that while nothing presses on memory. When the rule
/// (<see cref="IdleTrim"/>) says so, this runs one compacting collection that decommits what is
/// free (<see cref="GCCollectionMode.Aggressive"/>, meant for exactly this: an app going idle),
/// then gives back the native heap's free pages (<see cref="TrimNativeHeap"/>).
/// It pauses the process for a moment, which is why it waits for a quiet spell: nobody is
/// writing then.
/// </summary>
internal sealed class IdleMemoryTrimmer(HostConfiguration configuration, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = configuration.IdleTrim;
        if (!settings.Enabled)
            return;
        var trim = IdleTrim.Start;
        using var timer = new PeriodicTimer(settings.CheckEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            (trim, var now) = trim.Check(Sample(), settings);
            if (!now)
                continue;
            var before = Environment.WorkingSet;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            TrimNativeHeap();
            var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var after = Sample();
            var resident = Environment.WorkingSet;
            trim = trim.Trimmed(after);
            logger.LogInformation(
                "Quiet after a busy spell: gave {Freed:0.0} MiB back to the system in {Milliseconds:0} ms (resident {Before:0.0} -> {After:0.0} MiB, live heap {Live:0.0} MiB)",
                (before - resident) / 1048576.0, took.TotalMilliseconds, before / 1048576.0, resident / 1048576.0, after.LiveBytes / 1048576.0);
        }
    }

    /// <summary>
    /// The native heap keeps what it freed too: the busy spell's password hashes and SQLite pages
    /// were allocated by glibc's malloc on many threads, one arena each, and free pages stay in
    /// them. malloc_trim gives them back (glibc on Linux; elsewhere there is nothing to call).
    /// </summary>
    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl): nothing to trim this way.
        }
    }

    // A blittable argument: no marshalling stub, so a plain DllImport needs no unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private static GcSample Sample()
    {
        var info = GC.GetGCMemoryInfo();
        return new GcSample(GC.GetTotalAllocatedBytes(), info.TotalCommittedBytes, info.HeapSizeBytes - info.FragmentedBytes);
    }
}
