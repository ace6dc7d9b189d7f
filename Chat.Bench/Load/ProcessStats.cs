using System.Diagnostics;

namespace Chat.Bench.Load;

/// <summary>A process's CPU time and memory as the kernel counts them (/proc/PID/stat and status).</summary>
internal readonly record struct ProcessStats(double CpuSeconds, long RssKiB, long PeakRssKiB)
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux we run on.</summary>
    private const double ClockTicksPerSecond = 100;

    public static ProcessStats? TryRead(int? pid)
    {
        if (pid is not { } id)
            return null;
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
