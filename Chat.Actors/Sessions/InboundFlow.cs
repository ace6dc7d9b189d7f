namespace Chat.Actors.Sessions;

/// <summary>What a line is to the pacing: chat lines (say, dm) wait behind the allowance and count in flight; requests overtake them.</summary>
public enum LineKind
{
    Chat,
    Request,
}

/// <summary>The limits of one connection's inbound flow (HOCON "chat.session.flood" and "chat.session.in-flight-chat-lines").</summary>
/// <param name="Burst">Lines that go on at once before the rate applies (a paste).</param>
/// <param name="LinesPerSecond">The steady rate at which held lines go on.</param>
/// <param name="MaxHeldLines">Lines held for later, chat lines and requests together; past it a line is refused.</param>
/// <param name="MaxInFlight">Chat lines passed on and not yet answered; at it the connection is not read.</param>
/// <param name="CloseAfterIgnoringHintsFor">How long a sender may go on sending refused lines before their retry hint before it is closed.</param>
public sealed record InboundFlowLimits(int Burst, double LinesPerSecond, int MaxHeldLines, int MaxInFlight, TimeSpan CloseAfterIgnoringHintsFor)
{
    /// <summary>
    /// Whether the connection is not read while its held lines are at their bound, instead of
    /// refusing the next line: for a protocol with no retry hint to give (IRC), so TCP slows the
    /// sender and no line is dropped.
    /// </summary>
    public bool PauseReadWhenHeldFull { get; init; }
}

/// <summary>Something that happens to the connection's reader at a moment (monotonic time).</summary>
public abstract record InboundCommand(TimeSpan Now);

/// <summary>A line was read off the socket.</summary>
public sealed record LineArrives(LineKind Kind, TimeSpan Now) : InboundCommand(Now);

/// <summary>Time passed (the reader's timer for the next held line fired).</summary>
public sealed record TimePasses(TimeSpan Now) : InboundCommand(Now);

/// <summary>A chat line passed on earlier was answered (its ok or error went back to the client).</summary>
public sealed record ChatLineAnswered(TimeSpan Now) : InboundCommand(Now);

public abstract record InboundEvent;

/// <summary>The line just read goes on to the session now.</summary>
public sealed record LineForwarded(LineKind Kind, TimeSpan At) : InboundEvent;

/// <summary>The line just read is over the allowance: it waits at the end of its kind's queue.</summary>
public sealed record LineHeld(LineKind Kind) : InboundEvent;

/// <summary>The oldest held line of this kind goes on to the session now.</summary>
public sealed record HeldLineForwarded(LineKind Kind, TimeSpan At) : InboundEvent;

/// <summary>The held queue is full: the line is refused (rate_limited, retry after). <paramref name="IgnoredHint"/>: it came before the last refusal's hint had passed.</summary>
public sealed record LineRefused(TimeSpan RetryAfter, TimeSpan At, bool IgnoredHint) : InboundEvent;

/// <summary>The sender ignored the retry hints for too long: say bye (flooding) and close.</summary>
public sealed record ClosedForFlooding : InboundEvent;

/// <summary>One chat line in flight was answered.</summary>
public sealed record InFlightLineAnswered : InboundEvent;

/// <summary>
/// One connection's inbound flow control, as plain state ("fakelag", as ergo and the classic
/// ircds do it): a token bucket is the allowance; a line over it is held and goes on later, in
/// order, when the bucket has a token again; only when the held queue is full is a line refused
/// (rate_limited with the time until a slot frees). Requests that are not chat lines (ping,
/// history, mark read, whois...) have their own queue, which goes first: a backlog of chat lines
/// never starves them. Chat lines passed on and not yet answered are counted; at
/// <see cref="InboundFlowLimits.MaxInFlight"/> no chat line goes on, and the reader stops reading
/// the socket (<see cref="StopsReading"/>), so TCP slows the sender down and nothing piles up in the host.
/// A client that waits the hint it was given is never closed: only lines that come before the
/// last refusal's hint count against it, and only when that goes on for
/// <see cref="InboundFlowLimits.CloseAfterIgnoringHintsFor"/> (without the held queue ever
/// running empty) is the connection closed for flooding.
/// </summary>
public sealed record InboundFlow
{
    private InboundFlow(InboundFlowLimits limits)
    {
        Limits = limits;
        Tokens = limits.Burst;
    }

    public InboundFlowLimits Limits { get; }
    public double Tokens { get; private init; }
    public TimeSpan? RefilledAt { get; private init; }
    public int HeldChatLines { get; private init; }
    public int HeldRequests { get; private init; }
    public int InFlight { get; private init; }
    /// <summary>When the hint given with the last refusal passes.</summary>
    public TimeSpan? HintPassesAt { get; private init; }
    /// <summary>When the sender first sent a refused line before its hint, since the held queue last ran empty.</summary>
    public TimeSpan? IgnoringHintsSince { get; private init; }
    public bool Closed { get; private init; }

    public int Held => HeldChatLines + HeldRequests;

    /// <summary>At the in-flight bound: no chat line goes on, and the socket is not read, until one is answered.</summary>
    public bool AtInFlightBound => InFlight >= Limits.MaxInFlight;

    /// <summary>
    /// The socket is not read: at the in-flight bound, or (<see cref="InboundFlowLimits.PauseReadWhenHeldFull"/>)
    /// with the held lines at theirs, until one goes on. Held chat lines still go on at the
    /// in-flight bound's pace (<see cref="AtInFlightBound"/>), never at this one's.
    /// </summary>
    public bool StopsReading => AtInFlightBound || (Limits.PauseReadWhenHeldFull && Held > 0 && Held >= Limits.MaxHeldLines);

    public static InboundFlow Start(InboundFlowLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.Burst, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.LinesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MaxHeldLines);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxInFlight, 1);
        return new InboundFlow(limits);
    }

    /// <summary>What happens, in order: held lines that are due go first, then the command's own line or answer.</summary>
    public IReadOnlyList<InboundEvent> Decide(InboundCommand command)
    {
        var events = new List<InboundEvent>();
        var state = this;
        void Emit(InboundEvent e)
        {
            events.Add(e);
            state = state.Apply(e);
        }

        if (Closed)
            return events;
        if (command is ChatLineAnswered)
            Emit(new InFlightLineAnswered());
        foreach (var due in state.DueHeldLines(command.Now))
            Emit(due);
        if (command is LineArrives line)
            Emit(state.Arrival(line));
        return events;
    }

    public InboundFlow Apply(InboundEvent e) => e switch
    {
        LineForwarded f => Refilled(f.At).Spend(f.Kind),
        HeldLineForwarded f => Refilled(f.At).Spend(f.Kind).Unheld(f.Kind),
        LineHeld { Kind: LineKind.Chat } => this with { HeldChatLines = HeldChatLines + 1 },
        LineHeld => this with { HeldRequests = HeldRequests + 1 },
        LineRefused r => this with
        {
            HintPassesAt = r.At + r.RetryAfter,
            IgnoringHintsSince = r.IgnoredHint ? IgnoringHintsSince ?? r.At : IgnoringHintsSince,
        },
        InFlightLineAnswered => this with { InFlight = Math.Max(0, InFlight - 1) },
        ClosedForFlooding => this with { Closed = true },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "not an inbound flow event"),
    };

    /// <summary>How long from <paramref name="now"/> until a held line may go on; null when none is held or they wait for an answer, not for time.</summary>
    public TimeSpan? NextReleaseIn(TimeSpan now)
    {
        var state = Refilled(now);
        if (state.HeldRequests == 0 && (state.HeldChatLines == 0 || state.AtInFlightBound))
            return null;
        return state.UntilToken();
    }

    private IEnumerable<InboundEvent> DueHeldLines(TimeSpan now)
    {
        var state = Refilled(now);
        while (state.Tokens >= 1)
        {
            InboundEvent next;
            if (state.HeldRequests > 0)
                next = new HeldLineForwarded(LineKind.Request, now);
            else if (state.HeldChatLines > 0 && !state.AtInFlightBound)
                next = new HeldLineForwarded(LineKind.Chat, now);
            else
                yield break;
            yield return next;
            state = state.Apply(next);
        }
    }

    private InboundEvent Arrival(LineArrives line)
    {
        var state = Refilled(line.Now);
        var queueAhead = line.Kind == LineKind.Chat ? state.Held : state.HeldRequests;
        var windowOpen = line.Kind == LineKind.Request || !state.AtInFlightBound;
        if (queueAhead == 0 && state.Tokens >= 1 && windowOpen)
            return new LineForwarded(line.Kind, line.Now);
        if (state.Held < Limits.MaxHeldLines)
            return new LineHeld(line.Kind);
        var ignoredHint = HintPassesAt is { } passes && line.Now < passes;
        if (ignoredHint && IgnoringHintsSince is { } since && line.Now - since >= Limits.CloseAfterIgnoringHintsFor)
            return new ClosedForFlooding();
        return new LineRefused(state.UntilToken(), line.Now, ignoredHint);
    }

    /// <summary>
    /// Until the bucket has a whole token; when it has one already (the lines wait for answers),
    /// one token's time. Rounded up to a whole tick, so that waiting exactly this long finds the token.
    /// </summary>
    private TimeSpan UntilToken()
    {
        var seconds = Tokens >= 1 ? 1 / Limits.LinesPerSecond : (1 - Tokens) / Limits.LinesPerSecond;
        return TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));
    }

    private InboundFlow Spend(LineKind kind) => this with
    {
        Tokens = Tokens - 1,
        InFlight = kind == LineKind.Chat ? InFlight + 1 : InFlight,
    };

    private InboundFlow Unheld(LineKind kind)
    {
        var next = kind == LineKind.Chat ? this with { HeldChatLines = HeldChatLines - 1 } : this with { HeldRequests = HeldRequests - 1 };
        // The backlog ran out: whatever the sender did before is forgiven.
        return next.Held == 0 ? next with { IgnoringHintsSince = null, Tokens = Math.Min(Limits.Burst, next.Tokens) } : next;
    }

    private InboundFlow Refilled(TimeSpan now)
    {
        if (RefilledAt is { } last && now <= last)
            return this;
        // While lines are held the bucket may hold a token for each of them besides the burst:
        // a timer that fires late then lets them all go, and the rate is kept, not lost.
        var full = Limits.Burst + Held;
        var tokens = RefilledAt is { } previous ? Math.Min(full, Tokens + (now - previous).TotalSeconds * Limits.LinesPerSecond) : Tokens;
        return this with { Tokens = tokens, RefilledAt = now };
    }
}
