namespace Chat.Actors.Sessions;

public enum FloodOutcome
{
    Admitted,
    /// <summary>Over the limit: refuse this line, tell the client when to try again.</summary>
    Refused,
    /// <summary>Refused lines kept coming: the sender is not slowing down, so close the connection.</summary>
    Disconnect,
}

public readonly record struct FloodVerdict(FloodOutcome Outcome, TimeSpan RetryAfter);

/// <summary>
/// A token bucket: a burst of <c>burst</c> lines (so a pasted paragraph goes through), then
/// <c>perSecond</c> lines a second. Refused lines sent before the retry hint of the refusal
/// before them are strikes; the strikes are forgiven once the bucket has filled up again, so only
/// a sender that keeps pushing past the limit without waiting as told is cut off.
/// </summary>
public sealed class FloodGate
{
    private readonly double _burst;
    private readonly double _perSecond;
    private readonly int _strikesBeforeDisconnect;
    private double _tokens;
    private TimeSpan? _lastRefill;
    private int _strikes;
    private TimeSpan? _hintPassesAt;

    public FloodGate(int burst, double perSecond, int strikesBeforeDisconnect = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _burst = burst;
        _perSecond = perSecond;
        _strikesBeforeDisconnect = strikesBeforeDisconnect;
        _tokens = burst;
    }

    /// <summary>True when the bucket is full: nothing recent is held against the sender.</summary>
    public bool IsRested(TimeSpan now)
    {
        Refill(now);
        return _tokens >= _burst;
    }

    /// <summary>How long, with nothing more admitted, until the bucket is full again; zero once it is.</summary>
    public TimeSpan UntilRested(TimeSpan now)
    {
        Refill(now);
        return TimeSpan.FromSeconds((_burst - _tokens) / _perSecond);
    }

    public FloodVerdict Admit(TimeSpan now) =>
        TryTake(now) ? new FloodVerdict(FloodOutcome.Admitted, TimeSpan.Zero) : Refuse(now);

    /// <summary>Takes a token if the bucket has one; never a refusal, so never a strike.</summary>
    public bool TryTake(TimeSpan now)
    {
        RefillAndForgive(now);
        if (_tokens < 1)
            return false;
        _tokens -= 1;
        return true;
    }

    /// <summary>
    /// How long until the bucket has a whole token; zero when it has one. Rounded up to a whole
    /// tick, so that waiting exactly this long finds the token.
    /// </summary>
    public TimeSpan UntilToken(TimeSpan now)
    {
        Refill(now);
        return _tokens >= 1 ? TimeSpan.Zero : Ticks((1 - _tokens) / _perSecond);
    }

    /// <summary>
    /// Refuses a line, with the time until a token (one token's time when the bucket has one: a
    /// line refused then waits for lines before it, not for the bucket). A line sent before the
    /// last refusal's hint passed is a strike; too many, and the sender is to be cut off.
    /// </summary>
    public FloodVerdict Refuse(TimeSpan now)
    {
        RefillAndForgive(now);
        var retryAfter = _tokens >= 1 ? Ticks(1 / _perSecond) : Ticks((1 - _tokens) / _perSecond);
        // Only a line sent before the last refusal's hint passed is a strike: a sender that
        // waits as it was told is doing what it was asked, however often it is refused.
        var ignoredHint = _hintPassesAt is { } passes && now < passes;
        _hintPassesAt = now + retryAfter;
        return ignoredHint && ++_strikes > _strikesBeforeDisconnect
            ? new FloodVerdict(FloodOutcome.Disconnect, retryAfter)
            : new FloodVerdict(FloodOutcome.Refused, retryAfter);
    }

    private static TimeSpan Ticks(double seconds) => TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));

    /// <summary>A bucket that filled up again forgives the strikes before it.</summary>
    private void RefillAndForgive(TimeSpan now)
    {
        Refill(now);
        if (_tokens >= _burst)
            _strikes = 0;
    }

    private void Refill(TimeSpan now)
    {
        if (_lastRefill is { } last && now > last)
            _tokens = Math.Min(_burst, _tokens + (now - last).TotalSeconds * _perSecond);
        if (_lastRefill is null || now > _lastRefill)
            _lastRefill = now;
    }
}
