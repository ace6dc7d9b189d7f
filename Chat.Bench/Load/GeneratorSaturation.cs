namespace Chat.Bench.Load;

/// <summary>
/// Whether the generator itself may have been the limit in a window. A generator that cannot
/// keep up reads late (latency it adds is charged to the server), sends late and, through
/// TCP, slows the server down to its own pace: its figures are then a floor, not a result.
/// </summary>
internal static class GeneratorSaturation
{
    /// <summary>Busier than this on average over the measured part, the receive loops queue behind each other.</summary>
    public const double MeanCpuPercent = 80;
    /// <summary>A 500 ms sample this busy means the core was full for that half second.</summary>
    public const double PeakCpuPercent = 95;
    /// <summary>
    /// The schedule thread sleeps in 1 ms steps; getting to its lines later than this (p99) means
    /// it did not get the core when it woke.
    /// </summary>
    public const double ScheduleLagP99Ms = 5;

    /// <summary>Why the generator counts as saturated, or null when it does not.</summary>
    public static string? Judge(double meanCpuPercent, IEnumerable<double> sampleCpuPercents, double scheduleLagP99Ms)
    {
        var reasons = new List<string>();
        if (meanCpuPercent >= MeanCpuPercent)
            reasons.Add($"CPU {meanCpuPercent:F0}% of its cores on average (>= {MeanCpuPercent:F0}%)");
        var peak = sampleCpuPercents.DefaultIfEmpty(0).Max();
        if (peak >= PeakCpuPercent)
            reasons.Add($"a 500 ms sample at {peak:F0}% (>= {PeakCpuPercent:F0}%)");
        if (scheduleLagP99Ms >= ScheduleLagP99Ms)
            reasons.Add($"its schedule ran {scheduleLagP99Ms:F1} ms late at p99 (>= {ScheduleLagP99Ms:F0} ms)");
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}
