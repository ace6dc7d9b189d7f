namespace Chat.Protocol;

/// <summary>The "rate_limited" error, with the wait a client should honour before sending again.</summary>
public static class RateLimited
{
    /// <summary>
    /// Added to the exact wait: a client that sleeps for exactly retry_after_ms on a coarse
    /// timer may wake a little early, and must not be refused again for it.
    /// </summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

    public static ErrorReply Error(TimeSpan wait, string message, RequestId? re) =>
        new(ErrorCodes.RateLimited, message) { Re = re, RetryAfterMs = (long)Math.Ceiling((wait + TimerSlack).TotalMilliseconds) };
}
