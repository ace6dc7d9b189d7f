using Chat.Actors.Sessions;

namespace Chat.Actors.Accounts;

/// <summary>
/// One token bucket per remote address (registrations, for one). Buckets that have filled up
/// again hold nothing worth keeping and are dropped, so the table stays as small as the set of
/// addresses currently pushing against the limit, and never past <c>maxAddresses</c> (the
/// longest unused go first). Not thread-safe: one actor owns it.
/// </summary>
public sealed class AddressRateLimiter(int burst, double perSecond, int maxAddresses = LoginLimits.DefaultMaxTrackedKeys)
{
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, (FloodGate Gate, TimeSpan LastUsed)> _gates = new(StringComparer.Ordinal);

    public int TrackedAddresses => _gates.Count;

    /// <summary>Zero when the address may go ahead (and is charged one); otherwise how long to wait.</summary>
    public TimeSpan TryTake(string address, TimeSpan now)
    {
        if (!_gates.TryGetValue(address, out var entry))
        {
            if (_gates.Count >= PruneAbove)
                Prune(now);
            entry.Gate = new FloodGate(burst, perSecond);
        }
        _gates[address] = (entry.Gate, now);
        OldestEviction.Trim(_gates, maxAddresses, e => e.LastUsed);
        var verdict = entry.Gate.Admit(now);
        return verdict.Outcome == FloodOutcome.Admitted ? TimeSpan.Zero : verdict.RetryAfter;
    }

    private void Prune(TimeSpan now)
    {
        foreach (var (address, (gate, _)) in _gates)
            if (gate.IsRested(now))
                _gates.Remove(address);
    }
}
