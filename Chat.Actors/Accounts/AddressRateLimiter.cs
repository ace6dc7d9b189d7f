using Chat.Actors.Sessions;

namespace Chat.Actors.Accounts;

/// <summary>
/// One token bucket per remote address (registrations, for one). Buckets that have filled up
/// again hold nothing worth keeping and are dropped, so the table stays as small as the set of
/// addresses currently pushing against the limit. Not thread-safe: one actor owns it.
/// </summary>
public sealed class AddressRateLimiter(int burst, double perSecond)
{
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, FloodGate> _gates = new(StringComparer.Ordinal);

    /// <summary>Zero when the address may go ahead (and is charged one); otherwise how long to wait.</summary>
    public TimeSpan TryTake(string address, TimeSpan now)
    {
        if (!_gates.TryGetValue(address, out var gate))
        {
            if (_gates.Count >= PruneAbove)
                Prune(now);
            _gates[address] = gate = new FloodGate(burst, perSecond);
        }
        var verdict = gate.Admit(now);
        return verdict.Outcome == FloodOutcome.Admitted ? TimeSpan.Zero : verdict.RetryAfter;
    }

    private void Prune(TimeSpan now)
    {
        foreach (var (address, gate) in _gates)
            if (gate.IsRested(now))
                _gates.Remove(address);
    }
}
