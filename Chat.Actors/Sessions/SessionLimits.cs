namespace Chat.Actors.Sessions;

/// <summary>Per-connection limits, from the HOCON "chat.session" section.</summary>
public sealed record SessionLimits
{
    /// <summary>Lines a connection may send at once before the rate applies (a paste).</summary>
    public int FloodBurst { get; init; } = 10;
    public double FloodLinesPerSecond { get; init; } = 2;
    /// <summary>Refused lines, without the bucket filling up in between, before the connection is closed.</summary>
    public int FloodStrikesBeforeDisconnect { get; init; } = 30;
    /// <summary>An anonymous connection that has not logged in by then is closed.</summary>
    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Silence after which the host probes the link with a "ping".</summary>
    public TimeSpan IdleProbeAfter { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How long the client has to answer the probe before the link counts as dead.</summary>
    public TimeSpan ProbeAnswerWithin { get; init; } = TimeSpan.FromSeconds(30);

    public FloodGate NewFloodGate() => new(FloodBurst, FloodLinesPerSecond, FloodStrikesBeforeDisconnect);
}
