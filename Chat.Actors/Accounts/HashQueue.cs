namespace Chat.Actors.Accounts;

/// <summary>Work that costs a password hash: a login or a registration, from one peer, for one account.</summary>
public interface IHashJob
{
    /// <summary>Who asked: a Unix user or a remote address; null when the host cannot tell (then only the global bound applies).</summary>
    string? Peer { get; }

    /// <summary>The account the work is for (the username as given, folded).</summary>
    string Account { get; }
}

/// <summary>The bounds of the hash queue, from the HOCON section "chat.auth.hash-queue".</summary>
public sealed record HashQueueLimits
{
    /// <summary>Hashes that may wait in all; more are refused at once.</summary>
    public int MaxQueued { get; init; } = 64;
    /// <summary>Logins and registrations one peer may have waiting or running.</summary>
    public int MaxPerPeer { get; init; } = 4;
    /// <summary>Logins and registrations for one account waiting or running.</summary>
    public int MaxPerAccount { get; init; } = 2;
    /// <summary>What a refused client is told to wait.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The logins and registrations waiting for a hash, free of actors. Bounded in all, per peer
/// and per account, checked before anything is queued; served round-robin across peers, so one
/// peer's burst waits behind its own work, not in front of everyone else's; and work whose asker
/// has gone is dropped before it is hashed.
/// </summary>
public sealed class HashQueue<TJob>(HashQueueLimits limits) where TJob : class, IHashJob
{
    private const string Unidentified = "";

    private readonly Dictionary<string, Queue<TJob>> _byPeer = new(StringComparer.Ordinal);
    private readonly Queue<string> _turns = new();
    private readonly KeyedCounter _pendingPerPeer = new();
    private readonly KeyedCounter _pendingPerAccount = new();

    public int Queued { get; private set; }
    public int Running { get; private set; }

    /// <summary>Queues the job, or says why not (the caller answers rate_limited).</summary>
    public string? TryEnqueue(TJob job)
    {
        if (Queued >= limits.MaxQueued)
            return "the host is busy checking passwords; try again in a moment";
        if (job.Peer is { } peer && _pendingPerPeer[peer] >= limits.MaxPerPeer)
            return "too many logins and registrations waiting from you";
        if (_pendingPerAccount[job.Account] >= limits.MaxPerAccount)
            return "too many logins waiting for this account";

        var key = job.Peer ?? Unidentified;
        if (!_byPeer.TryGetValue(key, out var queue))
        {
            _byPeer[key] = queue = new Queue<TJob>();
            _turns.Enqueue(key);
        }
        queue.Enqueue(job);
        Queued++;
        Count(job, +1);
        return null;
    }

    /// <summary>The next job to hash, taking peers in turn; it counts as running until <see cref="Finished"/>.</summary>
    public TJob? TakeNext()
    {
        while (_turns.TryDequeue(out var peer))
        {
            if (!_byPeer.TryGetValue(peer, out var queue) || !queue.TryDequeue(out var job))
                continue;
            if (queue.Count > 0)
                _turns.Enqueue(peer);
            else
                _byPeer.Remove(peer);
            Queued--;
            Running++;
            return job;
        }
        return null;
    }

    public void Finished(TJob job)
    {
        Running--;
        Count(job, -1);
    }

    /// <summary>Removes the waiting jobs that match (their asker has gone); returns how many.</summary>
    public int Drop(Func<TJob, bool> gone)
    {
        var dropped = 0;
        foreach (var (peer, queue) in _byPeer.ToList())
        {
            var keep = queue.Where(job => !gone(job)).ToList();
            foreach (var job in queue.Where(gone))
                Count(job, -1);
            dropped += queue.Count - keep.Count;
            if (keep.Count == 0)
                _byPeer.Remove(peer);
            else if (keep.Count != queue.Count)
                _byPeer[peer] = new Queue<TJob>(keep);
        }
        Queued -= dropped;
        // A peer left with nothing waiting gives up its turn, or it would get two when it comes back.
        var turns = _turns.Where(_byPeer.ContainsKey).Distinct().ToList();
        _turns.Clear();
        foreach (var peer in turns)
            _turns.Enqueue(peer);
        return dropped;
    }

    private void Count(TJob job, int delta)
    {
        if (job.Peer is { } peer)
            _pendingPerPeer.Add(peer, delta);
        _pendingPerAccount.Add(job.Account, delta);
    }
}
