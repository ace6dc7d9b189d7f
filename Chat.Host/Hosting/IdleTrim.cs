namespace Chat.Host.Hosting;

/// <summary>What the GC reports at a check: bytes allocated since the process started, committed, and live after the last collection.</summary>
public readonly record struct GcSample(long AllocatedBytes, long CommittedBytes, long LiveBytes)
{
    /// <summary>What the GC holds beyond the live heap: free space between objects and its reserve.</summary>
    public long SlackBytes => CommittedBytes - LiveBytes;
}

/// <summary>
/// The rule for giving memory back (<see cref="IdleMemoryTrimmer"/>): after a spell of two quiet
/// checks in a row, when the GC holds at least the minimum slack beyond the live heap and its
/// committed memory grew by at least as much since the last trim (so an idle host trims once
/// after a busy spell, not at every check).
/// </summary>
public sealed record IdleTrim(long? LastAllocatedBytes, int QuietChecks, long CommittedAfterLastTrim)
{
    private const int QuietChecksBeforeTrim = 2;

    public static readonly IdleTrim Start = new(null, 0, 0);

    public (IdleTrim Next, bool Trim) Check(GcSample sample, IdleTrimSettings settings)
    {
        var quiet = LastAllocatedBytes is { } last && sample.AllocatedBytes - last < settings.QuietBelowBytes;
        var next = this with { LastAllocatedBytes = sample.AllocatedBytes, QuietChecks = quiet ? QuietChecks + 1 : 0 };
        var worthIt = sample.SlackBytes >= settings.MinSlackBytes && sample.CommittedBytes >= CommittedAfterLastTrim + settings.MinSlackBytes;
        return next.QuietChecks >= QuietChecksBeforeTrim && worthIt ? (next with { QuietChecks = 0 }, true) : (next, false);
    }

    /// <summary>After a trim: what the GC committed then is the mark the next trim must grow past.</summary>
    public IdleTrim Trimmed(GcSample after) => this with { CommittedAfterLastTrim = after.CommittedBytes, LastAllocatedBytes = after.AllocatedBytes };
}
