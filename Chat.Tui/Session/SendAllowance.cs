namespace Chat.Tui.Session;

/// <summary>
/// The client's side of the host's flood gate: a token bucket every line takes a token from
/// before it is written. While tokens are left a line goes at once; after that each line gets
/// the next free slot, so lines wait their turn in order instead of being refused (and, refused
/// often enough, having the link cut for flooding). A refusal from the host (rate_limited, from a
/// gate stricter than ours or another terminal of the same user) empties the bucket for as long
/// as the host asks. One per session, kept across reconnects: the host's gate for the user is.
/// Times are monotonic (<see cref="Chat.Protocol.MonotonicClock"/>); specs pass their own.
/// </summary>
public sealed class SendAllowance(SendPace pace)
{
    private readonly Lock _gate = new();
    // May go below zero: slots already promised to lines that are waiting for them.
    private double _tokens = pace.Burst;
    private TimeSpan? _refilledAt;

    /// <summary>Takes the next line's token: how long the line must wait before it is written.</summary>
    public TimeSpan Reserve(TimeSpan now)
    {
        lock (_gate)
        {
            Refill(now);
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / pace.LinesPerSecond);
        }
    }

    /// <summary>The host refused a line: nothing more goes before <paramref name="retryAfter"/> from now.</summary>
    public void HoldOff(TimeSpan now, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            Refill(now);
            _tokens = Math.Min(_tokens, 1 - retryAfter.TotalSeconds * pace.LinesPerSecond);
        }
    }

    private void Refill(TimeSpan now)
    {
        if (_refilledAt is { } last && now > last)
            _tokens = Math.Min(pace.Burst, _tokens + (now - last).TotalSeconds * pace.LinesPerSecond);
        if (_refilledAt is null || now > _refilledAt)
            _refilledAt = now;
    }
}
