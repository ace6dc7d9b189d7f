namespace Chat.Actors.Accounts;

/// <summary>
/// Growing waits after failed logins, kept per key ("user:alice", "addr:10.0.0.7"). The first few
/// failures are free; each one after that doubles the wait before the next attempt, up to a cap.
/// Keys for usernames that do not exist are throttled exactly like real ones, so the throttle
/// never tells whether an account exists. At most <see cref="LoginLimits.MaxTrackedKeys"/> keys
/// are kept, the longest unused dropped first. Not thread-safe: the auth actor owns it.
/// </summary>
public sealed class LoginThrottle(LoginLimits limits)
{
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private readonly record struct Failures(int Count, TimeSpan Last, TimeSpan BlockedUntil);

    public int TrackedKeys => _failures.Count;

    public static string UserKey(string user)
    {
        // Not only real usernames: a nonsense name must be throttled the same, and cannot bloat the table.
        var folded = user.ToLowerInvariant();
        return "user:" + (folded.Length > 64 ? folded[..64] : folded);
    }

    public static string AddressKey(string address) => "addr:" + address;

    /// <summary>How long until the keys may try again; zero when none is blocked.</summary>
    public TimeSpan RetryAfter(IEnumerable<string> keys, TimeSpan now)
    {
        var wait = TimeSpan.Zero;
        foreach (var key in keys)
            if (Current(key, now) is { } failures && failures.BlockedUntil - now > wait)
                wait = failures.BlockedUntil - now;
        return wait;
    }

    public void RecordFailure(IEnumerable<string> keys, TimeSpan now)
    {
        foreach (var key in keys)
        {
            var count = (Current(key, now)?.Count ?? 0) + 1;
            var blockedUntil = count > limits.FreeFailures ? now + Delay(count - limits.FreeFailures) : now;
            _failures[key] = new Failures(count, now, blockedUntil);
        }
        if (_failures.Count > PruneAbove)
            Prune(now);
        // Fresh keys (random usernames) are not stale; the hard bound holds the table anyway.
        OldestEviction.Trim(_failures, limits.MaxTrackedKeys, failures => failures.Last);
    }

    /// <summary>A successful login clears its username's failures; the address keeps its record.</summary>
    public void RecordSuccess(string key) => _failures.Remove(key);

    private Failures? Current(string key, TimeSpan now) =>
        _failures.TryGetValue(key, out var failures) && now - failures.Last < limits.ForgetAfter ? failures : null;

    private TimeSpan Delay(int failuresPastFree)
    {
        var doublings = Math.Min(failuresPastFree - 1, 30);
        var delay = limits.FirstDelay.Ticks * (1L << doublings);
        return delay <= 0 || delay > limits.MaxDelay.Ticks ? limits.MaxDelay : TimeSpan.FromTicks(delay);
    }

    private void Prune(TimeSpan now)
    {
        foreach (var (key, failures) in _failures)
            if (now - failures.Last >= limits.ForgetAfter)
                _failures.Remove(key);
    }
}
