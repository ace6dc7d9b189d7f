using System.Globalization;

namespace Chat.Bench.Load;

/// <summary>The human-readable form of a load report: one line per phase, figures with units.</summary>
internal static class LoadReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ConnectLine(int clients, ConnectFigures c) => string.Create(Invariant,
        $"connect+login+join ({LoginText(c)}): {clients - c.Failed}/{clients} clients in {c.Seconds:F2} s = {c.PerSecond:F0}/s" +
        $"{(c.HostCpuSeconds is { } cpu ? $", server CPU {cpu:F2} s" : "")}, generator CPU {c.GeneratorCpuSeconds:F2} s");

    private static string LoginText(ConnectFigures c) => c.Login switch
    {
        LoginMethod.ResumeToken when c.PasswordFallbacks > 0 => $"login by resume token, {c.PasswordFallbacks} by password: no unspent token",
        LoginMethod.ResumeToken => "login by resume token",
        LoginMethod.Password => "login by password",
        _ => "IRC NICK/USER, no accounts",
    };

    public static string RateLine(SendFigures f) => string.Create(Invariant,
        $"rate {f.OfferedRate,8:F0}/s: delivered {f.DeliveredPercent:F3}% ({f.Delivered}/{f.Expected}), {f.DeliveriesPerSecond:F0} deliveries/s, " +
        $"latency ms p50 {f.LatencyMs.P50:F1} p90 {f.LatencyMs.P90:F1} p99 {f.LatencyMs.P99:F1} p99.9 {f.LatencyMs.P999:F1} max {f.LatencyMs.Max:F1}, " +
        $"out-of-order {f.OutOfOrder}, disconnected {f.Disconnected}, " +
        $"{(f.HostCpuSeconds is { } cpu ? $"server CPU {cpu:F2} s ({f.HostCpuPercent:F0}% of a core), peak RSS {f.HostPeakRssMib:F0} MiB, " : "")}" +
        $"generator {f.GeneratorBusyPercent:F0}% of a core{(f.GeneratorBusyPercent > 80 ? " (BUSY: the generator may be the limit)" : "")} " +
        $"=> {(f.Passed ? "PASS" : "FAIL")}");

    public static void Write(LoadReport report, TextWriter output)
    {
        output.WriteLine($"== {report.Scenario} ({report.Protocol}) against {report.Server}: {report.Clients} clients, {report.Senders} senders");
        if (report.HostConfig is { } config)
            output.WriteLine($"   host configuration overlay: {config.ReplaceLineEndings("; ")}");
        if (report.Connect is { } connect)
            output.WriteLine("   " + ConnectLine(report.Clients, connect));
        foreach (var rate in report.Rates)
            output.WriteLine("   " + RateLine(rate));
        if (report.MaxPassingRate is { } max)
            output.WriteLine(string.Create(Invariant, $"   highest passing rate: {max:F0} messages/s offered"));
        else if (report.Rates.Count > 1)
            output.WriteLine("   no rate passed");
        if (report.Idle is { } idle)
            output.WriteLine(string.Create(Invariant,
                $"   idle: {idle.Connections} connections, server RSS {idle.RssBeforeMib:F1} -> {idle.RssAfterMib:F1} MiB (peak {idle.PeakRssMib:F1}) = {idle.KibPerConnection:F1} KiB per connection"));
        output.WriteLine(string.Create(Invariant, $"   machine load average (1 min) at the end: {report.MachineLoadAtEnd:F2}; this run alone keeps at most 2 busy"));
    }
}
