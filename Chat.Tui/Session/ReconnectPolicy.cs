namespace Chat.Tui.Session;

/// <summary>
/// How long to wait before each reconnect attempt: doubling from a first delay up to a cap, each
/// wait drawn between half and all of it, so that clients dropped together by a host restart
/// do not all come back in the same instant.
/// </summary>
public sealed record ReconnectPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    /// <summary>The wait before an attempt: somewhere between half and all of <see cref="DelayBefore"/>.</summary>
    /// <param name="draw">A number in [0, 1): the app passes Random.Shared.NextDouble.</param>
    public TimeSpan JitteredDelayBefore(int attempt, Func<double> draw) => DelayBefore(attempt) * (0.5 + 0.5 * draw());

    /// <summary>Capped at 10 s: a chat user waits for the host to come back, so checking often is worth it.</summary>
    public static ReconnectPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    /// <param name="attempt">1 for the first retry.</param>
    public TimeSpan DelayBefore(int attempt)
    {
        var doublings = Math.Min(attempt - 1, 20);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay > MaxDelay ? MaxDelay : delay;
    }
}
