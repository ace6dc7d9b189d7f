using System.Text.Json.Serialization;

namespace Chat.Bench.Load;

/// <summary>Everything one invocation measured; sections are null when the scenario had no such phase.</summary>
/// <param name="MaxIsFloor">
/// The window that ended the search failed while the generator was saturated: the server may
/// deliver more than <paramref name="MaxPassingRate"/>, so that figure is a floor, not a result.
/// </param>
/// <param name="SustainableRate">overload: the rate the run was told is sustainable; it offered a multiple of it.</param>
internal sealed record LoadReport(
    string Scenario,
    string Protocol,
    string Server,
    int Clients,
    int Senders,
    string? HostConfig,
    ConnectFigures? Connect,
    IReadOnlyList<SendFigures> Rates,
    double? MaxPassingRate,
    IdleFigures? Idle,
    double MachineLoadAtEnd,
    bool? MaxIsFloor = null,
    double? SustainableRate = null);

/// <summary>
/// Connect + log in + join for every client, from the first connect to the last "joined".
/// <see cref="PasswordFallbacks"/> (resume runs only) counts clients that had no unspent token
/// left (their previous resume was cut off before its "ok") and logged in with the password.
/// </summary>
internal sealed record ConnectFigures(
    double Seconds, double PerSecond, int Failed, double? HostCpuSeconds, double GeneratorCpuSeconds, LoginMethod Login, int? PasswordFallbacks)
{
    /// <summary>Two steps of connecting (<paramref name="clients"/> in this one and <paramref name="laterClients"/> in the later) as one.</summary>
    public ConnectFigures Then(ConnectFigures later, int clients, int laterClients)
    {
        var seconds = Seconds + later.Seconds;
        var failed = Failed + later.Failed;
        return new ConnectFigures(seconds, (clients + laterClients - failed) / seconds, failed,
            HostCpuSeconds + later.HostCpuSeconds, GeneratorCpuSeconds + later.GeneratorCpuSeconds, Login,
            PasswordFallbacks is null && later.PasswordFallbacks is null ? null : (PasswordFallbacks ?? 0) + (later.PasswordFallbacks ?? 0));
    }
}

/// <summary>How the clients logged in: the connect figure means something else for each.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LoginMethod>))]
internal enum LoginMethod
{
    [JsonStringEnumMemberName("password")] Password,
    [JsonStringEnumMemberName("resume_token")] ResumeToken,
    /// <summary>IRC: NICK/USER, there are no accounts.</summary>
    [JsonStringEnumMemberName("irc_nick")] IrcNick,
    /// <summary>IRC with PASS username:password: our host's IRC gateway, which has accounts.</summary>
    [JsonStringEnumMemberName("irc_pass")] IrcPass,
}

/// <summary>
/// One measured window at one offered rate. Latency runs from each message's due time in the
/// schedule to its arrival at a receiver, so a late send is charged to the server.
/// </summary>
internal sealed record SendFigures(
    double OfferedRate,
    long Sent,
    long Expected,
    long Delivered,
    double DeliveredPercent,
    double DeliveriesPerSecond,
    LatencyFigures LatencyMs,
    long OutOfOrder,
    int Disconnected,
    HostFigures? Host,
    GeneratorFigures Generator,
    SenderLagFigures SenderLag,
    IReadOnlyList<LoadSample> Timeline,
    bool Passed,
    CrossNodeFigures? CrossNode = null);

/// <summary>
/// The bytes between the cluster's nodes over the measured part (both directions, every
/// connection with an end on a node's Akka.Remote port: <see cref="CrossNodeTraffic"/>), and
/// per message sent in it.
/// </summary>
internal sealed record CrossNodeFigures(long Bytes, double BytesPerMessage);

internal sealed record LatencyFigures(double P50, double P90, double P99, double P999, double Max);

/// <summary>
/// The server process in a window, from /proc/PID: CPU over the measured part (after the
/// warm-up, until the drain ended; user + system, the kernel's softirq work for loopback is not
/// in it) and resident memory from the window's start (every client joined) to its end. Several
/// processes (the nodes of a cluster) are summed; <see cref="Nodes"/> gives each one's CPU.
/// </summary>
internal sealed record HostFigures(
    double CpuSeconds,
    double CpuPercent,
    double? CpuSecondsPerMillionDeliveries,
    double RssStartMib,
    double RssEndMib,
    double RssPeakInWindowMib,
    double PeakRssMib,
    IReadOnlyList<NodeCpuFigures>? Nodes = null);

/// <summary>One node's CPU in a window of several (in the order of --host-pid); per million deliveries of the whole window.</summary>
internal sealed record NodeCpuFigures(double CpuSeconds, double CpuPercent, double? CpuSecondsPerMillionDeliveries);

/// <summary>
/// The generator's own load over the window. <see cref="Saturated"/> means the generator may
/// have been the limit: its figures are then a floor for the server, not a result.
/// </summary>
/// <param name="CpuPercent">Mean over the measured part, in % of the cores it may run on (<see cref="Cores"/>).</param>
/// <param name="CpuPeakPercent">The busiest 500 ms sample of the whole window.</param>
/// <param name="ScheduleLagMs">How late the schedule thread got to its lines: its own lateness, never the server's.</param>
internal sealed record GeneratorFigures(
    int Cores,
    double CpuSeconds,
    double CpuPercent,
    double CpuPeakPercent,
    LatencyFigures ScheduleLagMs,
    bool Saturated,
    string? SaturatedBecause);

/// <summary>
/// How far behind schedule the senders got: from each line's due time to the kernel taking its
/// last byte. A server that stops reading a sender (TCP pushing back) shows here; the generator
/// never waits for it, so the offered rate is kept.
/// </summary>
internal sealed record SenderLagFigures(LatencyFigures Ms, IReadOnlyList<double> MaxBySenderMs);

/// <summary>
/// One 500 ms sample during a window, <see cref="Seconds"/> after its first message was due.
/// <see cref="Delivered"/> counts deliveries of the measured messages so far; <see cref="SenderLagMs"/>
/// is the largest lag of a line still waiting to be sent at that moment.
/// </summary>
internal sealed record LoadSample(
    double Seconds,
    double? HostRssMib,
    double? HostCpuPercent,
    double GeneratorCpuPercent,
    long Delivered,
    int Connected,
    double SenderLagMs);

/// <summary>
/// The server's memory while every client is connected, logged in and idle. The clients connect
/// in two halves: <see cref="KibPerConnection"/> divides all the growth by all the connections,
/// and so includes what the first connections pay once for the whole process (code compiled and
/// paged in, caches filled, the GC's reserve grown); <see cref="KibPerLaterConnection"/> divides
/// the growth while the second half connected by their number: what one more connection costs.
/// </summary>
internal sealed record IdleFigures(
    int Connections, double RssBeforeMib, double RssAfterMib, double PeakRssMib, double KibPerConnection,
    int ConnectionsHalfway, double RssHalfwayMib, double KibPerLaterConnection);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class LoadJson : JsonSerializerContext;
