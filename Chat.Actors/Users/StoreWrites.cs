using Akka;
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

/// <summary>How the user actor pipes store writes back to itself: a failure is logged where the exception is, and comes back as plain data.</summary>
public sealed class StoreWrites(IActorRef self, string username, ILoggingAdapter log)
{
    /// <summary>What a failed write comes back as, once logged.</summary>
    public Func<Exception, object> Failure(string what, RequestId? re, IActorRef replyTo, bool endsSettling = false) => reason =>
    {
        // A bound the store keeps (a recipient's waiting DMs, rooms) or a taken name is an answer, not a failure.
        if (reason is StoreLimitReachedException refused)
            return new WriteFailed(what, re, replyTo, endsSettling) { RefusalCode = refused.Code, RefusalMessage = refused.Message };
        log.Error(reason, "user {0}: storing the {1} failed", username, what);
        return new WriteFailed(what, re, replyTo, endsSettling);
    };

    /// <summary>A read failed: logged, and answered "unavailable".</summary>
    public Func<Exception, object> ReadFailure(string what, RequestId? re) => reason =>
    {
        log.Error(reason, "user {0}: reading the {1} failed", username, what);
        return new ErrorReply(ErrorCodes.Unavailable, $"the {what} could not be read; try again") { Re = re };
    };

    /// <summary>The store holds look-alike names to one account: a nickname it refuses is taken, answered like a bound.</summary>
    public static async Task ClaimNicknameAsync(IChatStore store, string username, string nickname)
    {
        if (!await store.SetNicknameAsync(username, nickname))
            throw new StoreLimitReachedException(ErrorCodes.NickTaken, $"'{nickname}' is taken: it is, or looks like, another person's name or nickname");
    }

    /// <summary>A write nobody waits for; a failure is logged.</summary>
    public void Fire(string what, Task write) =>
        write.PipeTo(self, success: () => Done.Instance, failure: Failure(what, null, ActorRefs.Nobody));
}
