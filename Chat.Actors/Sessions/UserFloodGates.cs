using System.Collections.Concurrent;

namespace Chat.Actors.Sessions;

/// <summary>
/// One flood gate per user, shared by all of that user's connections, so that opening more
/// terminals does not buy more lines. Sessions on many threads ask it, so each gate is locked
/// while it decides; gates that have filled up again are dropped when the table grows.
/// </summary>
public sealed class UserFloodGates(SessionLimits limits)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, FloodGate> _gates = new(StringComparer.Ordinal);

    public FloodVerdict Admit(string username, TimeSpan now)
    {
        if (_gates.Count > PruneAbove)
            Prune(now);
        var gate = _gates.GetOrAdd(username, _ => limits.NewFloodGate());
        lock (gate)
            return gate.Admit(now);
    }

    private void Prune(TimeSpan now)
    {
        foreach (var (username, gate) in _gates)
        {
            bool rested;
            lock (gate)
                rested = gate.IsRested(now);
            // A rested gate holds nothing against its user; a fresh one would decide the same.
            if (rested)
                _gates.TryRemove(new KeyValuePair<string, FloodGate>(username, gate));
        }
    }
}
