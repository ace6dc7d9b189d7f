using System.Diagnostics;

namespace Chat.Bench.Load;

/// <summary>A process's CPU time and memory as the kernel counts them (/proc/PID/stat and status).</summary>
internal readonly record struct ProcessStats(double CpuSeconds, long RssKiB, long PeakRssKiB)
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux we run on.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>The processes' figures summed (the nodes of a cluster as one server); null when none is given or one cannot be read.</summary>
    public static ProcessStats? TryRead(IReadOnlyList<int> pids) => TryReadEach(pids) is { } each ? Sum(each) : null;

    /// <summary>Each process's figures, in the order given; null when none is given or one cannot be read.</summary>
    public static IReadOnlyList<ProcessStats>? TryReadEach(IReadOnlyList<int> pids)
    {
        var each = new List<ProcessStats>(pids.Count);
        foreach (var pid in pids)
        {
            if (TryRead(pid) is not { } stats)
                return null;
            each.Add(stats);
        }
        return each.Count > 0 ? each : null;
    }

    /// <summary>Peak RSS summed is each process's own peak added up: an upper bound of the peak at any one moment.</summary>
    public static ProcessStats Sum(IReadOnlyList<ProcessStats> each) =>
        new(each.Sum(s => s.CpuSeconds), each.Sum(s => s.RssKiB), each.Sum(s => s.PeakRssKiB));

    private static ProcessStats? TryRead(int id)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            // The command name (field 2) may hold spaces; the fixed fields start after its ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (double.Parse(fields[11]) + double.Parse(fields[12])) / ClockTicksPerSecond;
            long rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    rss = KiB(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    peak = KiB(line);
            }
            return new ProcessStats(cpu, rss, peak);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The generator's own CPU time, to show it was not the bottleneck.</summary>
    public static double OwnCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>
    /// The machine's 1-minute load average: the box may be shared, and a run beside other
    /// work is not a clean run. Reported with the figures so a reader can tell.
    /// </summary>
    public static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static long KiB(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
