using Chat.Actors.Sessions;

namespace Chat.Actors.Users;

public enum HoldOutcome
{
    /// <summary>The gate has a token and nothing is held before the line: it goes on now.</summary>
    Admitted,
    /// <summary>Over the allowance, or behind a held line: kept, to go on later in order.</summary>
    Held,
    /// <summary>The held lines are at their bound: refused (rate_limited), with when to say it again.</summary>
    Refused,
    /// <summary>Refused, and the sender kept overflowing the bound before its hints: cut it off.</summary>
    Disconnect,
}

/// <param name="After">Held: how long until the oldest held line may go. Refused: the retry hint.</param>
public readonly record struct HoldVerdict(HoldOutcome Outcome, TimeSpan After);

/// <summary>
/// The account's gate for chat lines (say, DM), as plain state: fakelag, as the connection's
/// <see cref="InboundFlow"/> does it. A line over the allowance is not refused but held, in the
/// order the lines came, and goes on when the bucket has a token for it; a line that comes while
/// others are held waits behind them, so a user's lines keep their order. Only a line that finds
/// the held lines at their bound is refused, and only such refusals, sent before the last one's
/// hint passed, are strikes: a line that is merely held never counts against the sender.
/// </summary>
/// <typeparam name="T">A held line, as its owner needs it back (the user actor: the message and who sent it).</typeparam>
public sealed class AccountChatHold<T>(FloodGate gate)
{
    // Made with the first held line and dropped with the last: most users never have one.
    private Queue<T>? _held;

    public int Held => _held?.Count ?? 0;

    /// <param name="maxHeld">How many lines may be held at most (see <see cref="SessionLimits.AccountMaxHeldChatLines"/>).</param>
    public HoldVerdict Arrive(T line, TimeSpan now, int maxHeld)
    {
        if (Held == 0 && gate.TryTake(now))
            return new HoldVerdict(HoldOutcome.Admitted, TimeSpan.Zero);
        if (Held < maxHeld)
        {
            (_held ??= new Queue<T>()).Enqueue(line);
            return new HoldVerdict(HoldOutcome.Held, gate.UntilToken(now));
        }
        var refusal = gate.Refuse(now);
        return new HoldVerdict(refusal.Outcome == FloodOutcome.Disconnect ? HoldOutcome.Disconnect : HoldOutcome.Refused, refusal.RetryAfter);
    }

    /// <summary>The held lines the gate lets go now, oldest first, each taking its token.</summary>
    public IReadOnlyList<T> Release(TimeSpan now)
    {
        var released = new List<T>();
        while (_held is { Count: > 0 } held && gate.TryTake(now))
            released.Add(held.Dequeue());
        DropQueueIfEmpty();
        return released;
    }

    /// <summary>How long until the oldest held line may go (zero: now); null when none is held.</summary>
    public TimeSpan? NextReleaseIn(TimeSpan now) => Held == 0 ? null : gate.UntilToken(now);

    /// <summary>How long, with nothing more admitted, until the bucket is full again.</summary>
    public TimeSpan UntilRested(TimeSpan now) => gate.UntilRested(now);

    /// <summary>Takes out the held lines that match (a terminal's, when it goes), oldest first; the others keep their order.</summary>
    public IReadOnlyList<T> Remove(Func<T, bool> matches)
    {
        if (_held is null)
            return [];
        var removed = _held.Where(matches).ToList();
        if (removed.Count > 0)
            _held = new Queue<T>(_held.Where(line => !matches(line)));
        DropQueueIfEmpty();
        return removed;
    }

    /// <summary>Takes out every held line, oldest first.</summary>
    public IReadOnlyList<T> RemoveAll() => Remove(_ => true);

    private void DropQueueIfEmpty()
    {
        if (_held is { Count: 0 })
            _held = null;
    }
}
