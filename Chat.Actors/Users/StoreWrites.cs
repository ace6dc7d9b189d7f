using Akka.Actor;
using Akka.Event;
using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>
/// A store write failed; the asker (if any) is told the request could not be stored.
/// <see cref="EndsSettling"/>: it was a change the user's next requests wait for.
/// </summary>
public sealed record WriteFailed(string What, RequestId? Re, IActorRef ReplyTo, bool EndsSettling = false)
{
    /// <summary>Set when the store refused the write by a rule (a bound, a taken name): that answer, not "unavailable".</summary>
    public string? RefusalCode { get; init; }
    public string? RefusalMessage { get; init; }

    public ErrorReply ToReply() => RefusalCode is { } code
        ? new(code, RefusalMessage ?? code) { Re = Re }
        : new(ErrorCodes.Unavailable, $"the {What} could not be stored; try again") { Re = Re };
}

/// <summary>
/// How the user actor pipes store writes back to itself: a failure is logged where the exception
/// is, and comes back as plain data. The log adapter is made when a failure is logged, not held:
/// an adapter (and its source's path text) per idle user is memory spent on nothing.
/// </summary>
public sealed class StoreWrites(ActorSystem system, IActorRef self, string username)
{
    private ILoggingAdapter Log => Logging.GetLogger(system, self);

    /// <summary>What a failed write comes back as, once logged.</summary>
    public Func<Exception, object> Failure(string what, RequestId? re, IActorRef replyTo, bool endsSettling = false) => reason =>
    {
        // A bound the store keeps (a recipient's waiting DMs, rooms) or a taken name is an answer, not a failure.
        if (reason is StoreLimitReachedException refused)
            return new WriteFailed(what, re, replyTo, endsSettling) { RefusalCode = refused.Code, RefusalMessage = refused.Message };
        Log.Error(reason, "user {0}: storing the {1} failed", username, what);
        return new WriteFailed(what, re, replyTo, endsSettling);
    };

    /// <summary>A read failed: logged, and answered "unavailable".</summary>
    public Func<Exception, object> ReadFailure(string what, RequestId? re) => reason =>
    {
        Log.Error(reason, "user {0}: reading the {1} failed", username, what);
        return new ErrorReply(ErrorCodes.Unavailable, $"the {what} could not be read; try again") { Re = re };
    };

    /// <summary>Store calls piped back and not yet settled: the actor must not stop before they come back, or they reach it as dead letters.</summary>
    public int InFlight { get; private set; }

    /// <summary>A store call whose answer the actor awaits began; the actor calls <see cref="Settled"/> when it arrives.</summary>
    public void Began() => InFlight++;

    /// <summary>A write nobody waits for; a failure is logged. Its completion comes back as <see cref="FiredWriteSettled"/>.</summary>
    public void Fire(string what, Task write)
    {
        Began();
        var failed = Failure(what, null, ActorRefs.Nobody);
        write.PipeTo(self, success: () => FiredWriteSettled.Instance, failure: reason =>
        {
            failed(reason);
            return FiredWriteSettled.Instance;
        });
    }

    /// <summary>Called by the actor when a <see cref="FiredWriteSettled"/>, or the answer to what <see cref="Began"/>, arrives.</summary>
    public void Settled() => InFlight--;
}

/// <summary>A write fired by <see cref="StoreWrites.Fire"/> finished (a failure was logged already).</summary>
public sealed record FiredWriteSettled
{
    public static readonly FiredWriteSettled Instance = new();
}
