namespace Chat.Actors.Sessions;

/// <summary>Per-connection limits, from the HOCON "chat.session" section.</summary>
public sealed record SessionLimits
{
    /// <summary>Lines a connection may send at once before the rate applies (a paste).</summary>
    public int FloodBurst { get; init; } = 10;
    public double FloodLinesPerSecond { get; init; } = 2;
    /// <summary>
    /// The account's gate: requests refused before the retry hint of the refusal before them had
    /// passed, without the bucket filling up in between, before the pushing connection is closed.
    /// </summary>
    public int FloodStrikesBeforeDisconnect { get; init; } = 30;
    /// <summary>Lines over a connection's allowance held to go on later, in order; past it a line is refused (rate_limited).</summary>
    public int FloodMaxHeldLines { get; init; } = 20;
    /// <summary>How long a connection may go on sending refused lines before their retry hint before it is closed for flooding.</summary>
    public TimeSpan FloodCloseAfterIgnoringHintsFor { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Chat lines (say, dm) of one connection passed on and not yet answered; at it the host stops reading the connection.</summary>
    public int InFlightChatLines { get; init; } = 16;
    /// <summary>An anonymous connection that has not logged in by then is closed.</summary>
    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Silence after which the host probes the link with a "ping".</summary>
    public TimeSpan IdleProbeAfter { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How long the client has to answer the probe before the link counts as dead.</summary>
    public TimeSpan ProbeAnswerWithin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the node's delivery actor asks each of its sessions to check the login deadline
    /// and the link's liveness: half the shortest of the three, so none is overshot by more than
    /// half of itself. One timer per node rather than a timer (and its scheduler) per connection,
    /// which cost about half a KiB per idle connection.
    /// </summary>
    public TimeSpan GuardCheckInterval =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, Math.Min(LoginTimeout.Ticks, Math.Min(IdleProbeAfter.Ticks, ProbeAnswerWithin.Ticks)) / 2));

    public InboundFlowLimits InboundFlow =>
        new(FloodBurst, FloodLinesPerSecond, FloodMaxHeldLines, InFlightChatLines, FloodCloseAfterIgnoringHintsFor);

    /// <summary>
    /// Lines the account's gate allows beyond the connection's burst. A connection's held lines go
    /// on at exactly the rate, and reach the user actor a moment later, each after a different
    /// delay: without this slack a line let on in time could reach the account's gate a moment
    /// early and be held there too (it was refused, before the account's gate held lines). A
    /// second terminal still buys no more than these two lines.
    /// </summary>
    public const int AccountBurstSlack = 2;

    /// <summary>
    /// Targets one line may name (IRC's PRIVMSG and NOTICE to several nicks or channels, its
    /// TARGMAX): such a line is one line in flight and a chat request for each target. Four, as
    /// ircds commonly allow, so a paste of them stays within what the account's gate holds.
    /// </summary>
    public const int MaxTargetsPerLine = 4;

    /// <summary>
    /// Chat requests the account's gate holds for a user with this many connections before it
    /// refuses one: <see cref="InFlightChatLines"/> lines a connection, each of up to
    /// <see cref="MaxTargetsPerLine"/> requests. A held request is not answered until it has gone
    /// on, and a connection's reader stops reading at that many unanswered chat lines, so a
    /// user's own connections fill at most their share: past it, a request comes from a sender no
    /// reader paces.
    /// </summary>
    public int AccountMaxHeldChatLines(int connections) => Math.Max(1, connections) * InFlightChatLines * MaxTargetsPerLine;

    /// <summary>The account's gate, which all of a user's connections share (see <see cref="AccountBurstSlack"/>).</summary>
    public FloodGate NewAccountFloodGate() => new(FloodBurst + AccountBurstSlack, FloodLinesPerSecond, FloodStrikesBeforeDisconnect);
}
