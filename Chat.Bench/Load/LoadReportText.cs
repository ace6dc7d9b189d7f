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
        LoginMethod.IrcPass => "IRC PASS user:password, NICK/USER",
        _ => "IRC NICK/USER, no accounts",
    };

    /// <summary>One window in a line; a saturated generator says so in the same line as the figure it qualifies.</summary>
    public static string RateLine(SendFigures f) => string.Create(Invariant,
        $"rate {f.OfferedRate,8:F0}/s: delivered {f.DeliveredPercent:F3}% ({f.Delivered}/{f.Expected}), {f.DeliveriesPerSecond:F0} deliveries/s, " +
        $"latency ms p50 {f.LatencyMs.P50:F1} p90 {f.LatencyMs.P90:F1} p99 {f.LatencyMs.P99:F1} p99.9 {f.LatencyMs.P999:F1} max {f.LatencyMs.Max:F1}, " +
        $"out-of-order {f.OutOfOrder}, disconnected {f.Disconnected}, " +
        $"sender lag ms p99 {f.SenderLag.Ms.P99:F1} max {f.SenderLag.Ms.Max:F1}, " +
        $"{(f.Host is { } h ? $"server CPU {h.CpuSeconds:F2} s ({h.CpuPercent:F0}% of a core, {h.CpuSecondsPerMillionDeliveries:F2} s per million deliveries{NodesText(h)}), RSS {h.RssStartMib:F0} -> {h.RssEndMib:F0} MiB (window peak {h.RssPeakInWindowMib:F0}), " : "")}" +
        $"{(f.CrossNode is { } x ? $"cross-node {x.Bytes} bytes = {x.BytesPerMessage:F0} per message, " : "")}" +
        $"{GeneratorText(f.Generator)} => {(f.Passed ? "PASS" : "FAIL")}");

    private static string NodesText(HostFigures h) => h.Nodes is not { } nodes ? "" : string.Create(Invariant,
        $"; per node: {string.Join(", ", nodes.Select(n => $"{n.CpuSeconds:F2} s = {n.CpuSecondsPerMillionDeliveries:F2} s/M"))}");

    public static string GeneratorText(GeneratorFigures g) => string.Create(Invariant,
        $"generator CPU {g.CpuPercent:F0}% of {g.Cores} core(s) (peak {g.CpuPeakPercent:F0}%), schedule lag p99 {g.ScheduleLagMs.P99:F1} ms" +
        $"{(g.Saturated ? $" SATURATED ({g.SaturatedBecause}): a floor, not a result" : "")}");

    /// <summary>The overload window's samples: one short line per 500 ms.</summary>
    public static IEnumerable<string> TimelineLines(SendFigures f) => f.Timeline.Select(s => string.Create(Invariant,
        $"t {s.Seconds,6:F1} s: server RSS {s.HostRssMib,7:F1} MiB, server CPU {s.HostCpuPercent,5:F0}%, generator CPU {s.GeneratorCpuPercent,5:F0}%, " +
        $"delivered {s.Delivered,10}, connected {s.Connected,6}, sender lag {s.SenderLagMs,8:F1} ms"));

    public static void Write(LoadReport report, TextWriter output)
    {
        output.WriteLine($"== {report.Scenario} ({report.Protocol}) against {report.Server}: {report.Clients} clients, {report.Senders} senders");
        if (report.HostConfig is { } config)
            output.WriteLine($"   host configuration overlay: {config.ReplaceLineEndings("; ")}");
        if (report.Connect is { } connect)
            output.WriteLine("   " + ConnectLine(report.Clients, connect));
        foreach (var rate in report.Rates)
            output.WriteLine("   " + RateLine(rate));
        if (report.SustainableRate is { } sustainable && report.Rates is [var overload])
        {
            output.WriteLine(string.Create(Invariant,
                $"   overload: {overload.OfferedRate:F0}/s offered = {overload.OfferedRate / sustainable:F1}x the sustainable {sustainable:F0}/s; " +
                $"delivered {overload.DeliveredPercent:F1}%, clients cut off {overload.Disconnected}, " +
                $"each sender's worst lag behind its schedule (ms): {string.Join(", ", overload.SenderLag.MaxBySenderMs.Select(m => m.ToString("F0", Invariant)))}"));
            foreach (var line in TimelineLines(overload))
                output.WriteLine("     " + line);
        }
        if (report.MaxPassingRate is { } max)
            output.WriteLine(string.Create(Invariant, $"   highest passing rate: {max:F0} messages/s offered" +
                $"{(report.MaxIsFloor == true ? " (a floor: the window above it failed with the generator saturated)" : "")}"));
        else if (report.Rates.Count > 1)
            output.WriteLine("   no rate passed");
        if (report.Idle is { } idle)
            output.WriteLine(IdleLine(idle));
        output.WriteLine(string.Create(Invariant, $"   machine load average (1 min) at the end: {report.MachineLoadAtEnd:F2}; this run alone keeps at most 2 busy"));
    }

    public static string IdleLine(IdleFigures idle) => string.Create(Invariant,
        $"   idle: {idle.Connections} connections, server RSS {idle.RssBeforeMib:F1} -> {idle.RssAfterMib:F1} MiB (peak {idle.PeakRssMib:F1}) = {idle.KibPerConnection:F1} KiB per connection; " +
        $"the later {idle.Connections - idle.ConnectionsHalfway}: {idle.RssHalfwayMib:F1} -> {idle.RssAfterMib:F1} MiB = {idle.KibPerLaterConnection:F1} KiB per connection");
}
