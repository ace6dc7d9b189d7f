using Akka.Actor;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>
/// The sender's side of a stored DM's "ok". The recipient's user actor answers it (with its away
/// reason), but that actor may be moving to another node (a hand-off, a lost node): a delivery
/// sent to its old incarnation then goes nowhere. The DM is committed before it is sent there,
/// and a committed DM that no terminal took stays undelivered in the store, handed out when the
/// recipient's next incarnation arrives; so the sender's actor keeps each answer it waits for
/// and, when the recipient does not answer within <see cref="Patience"/> or the sender's own
/// actor hands off, acknowledges it itself (without the away reason). Each DM is acknowledged
/// once, whichever comes first; none stored is left unacknowledged.
/// </summary>
/// <param name="self">The user actor, which hears when its patience runs out.</param>
/// <param name="scheduler">The actor system's: an overdue notice that finds its DM answered is ignored, so none is ever cancelled.</param>
public sealed class DirectAcknowledgements(IActorRef self, IScheduler scheduler)
{
    /// <summary>Well under a client's request timeout (10 s), well over a live recipient's answer.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(4);

    // Made at the first DM this actor waits for, dropped when it waits for none: most users hold none.
    private Dictionary<long, (Ok Ack, IActorRef ReplyTo)>? _waiting;

    public void Wait(long dm, Ok ack, IActorRef replyTo)
    {
        (_waiting ??= [])[dm] = (ack, replyTo);
        scheduler.ScheduleTellOnce(Patience, self, new DirectAckOverdue(dm), self);
    }

    /// <summary>An answer from the recipient, or its patience running out.</summary>
    public void Receive(object message)
    {
        if (message is Ok answer)
            Answered(answer);
        else if (message is DirectAckOverdue overdue)
            Overdue(overdue.Dm);
    }

    /// <summary>The recipient answered: the sender's terminal gets its answer, once.</summary>
    private void Answered(Ok answer)
    {
        if (answer.Dm is { } dm && TakeWaiting(dm) is { } waiting)
            waiting.ReplyTo.Tell(answer);
    }

    /// <summary>The recipient did not answer in time: the DM is stored, so it is acknowledged as sent.</summary>
    private void Overdue(long dm)
    {
        if (TakeWaiting(dm) is { } waiting)
            waiting.ReplyTo.Tell(waiting.Ack);
    }

    /// <summary>The sender's actor is stopping: every DM it waits for is stored, and acknowledged now.</summary>
    public void AcknowledgeAll()
    {
        if (_waiting is null)
            return;
        foreach (var (ack, replyTo) in _waiting.Values)
            replyTo.Tell(ack);
        _waiting = null;
    }

    private (Ok Ack, IActorRef ReplyTo)? TakeWaiting(long dm)
    {
        if (_waiting is null || !_waiting.Remove(dm, out var waiting))
            return null;
        if (_waiting.Count == 0)
            _waiting = null;
        return waiting;
    }
}

/// <summary>The recipient of DM <paramref name="Dm"/> has not answered within <see cref="DirectAcknowledgements.Patience"/>.</summary>
internal sealed record DirectAckOverdue(long Dm);
