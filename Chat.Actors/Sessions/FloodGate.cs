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

    public FloodVerdict Admit(TimeSpan now)
    {
        Refill(now);
        if (_tokens >= _burst)
            _strikes = 0;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return new FloodVerdict(FloodOutcome.Admitted, TimeSpan.Zero);
        }
        var retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
        // Only a line sent before the last refusal's hint passed is a strike: a sender that
        // waits as it was told is doing what it was asked, however often it is refused.
        var ignoredHint = _hintPassesAt is { } passes && now < passes;
        _hintPassesAt = now + retryAfter;
        return ignoredHint && ++_strikes > _strikesBeforeDisconnect
            ? new FloodVerdict(FloodOutcome.Disconnect, retryAfter)
            : new FloodVerdict(FloodOutcome.Refused, retryAfter);
    }

    private void Refill(TimeSpan now)
    {
        if (_lastRefill is { } last && now > last)
            _tokens = Math.Min(_burst, _tokens + (now - last).TotalSeconds * _perSecond);
        if (_lastRefill is null || now > _lastRefill)
            _lastRefill = now;
    }
}
