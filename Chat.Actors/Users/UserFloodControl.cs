using Akka.Actor;
using Chat.Actors.Telemetry;
using Chat.Actors.Sessions;
using Chat.Protocol;

namespace Chat.Actors.Users;

public enum AccountGateOutcome
{
    /// <summary>Not a request of the user's, counted already, or admitted: it goes on to the actor's state.</summary>
    Pass,
    /// <summary>A chat line over the allowance: the gate keeps it until it lets it go (<see cref="UserFloodControl.Release"/>).</summary>
    Held,
    /// <summary>Refused: the asker is told <see cref="AccountGateVerdict.Answer"/> instead.</summary>
    Answered,
}

/// <param name="Answer">Answered: what the asker is told ("rate_limited", or to close with "bye").</param>
/// <param name="ReleaseIn">Held: how long until the oldest held line may go.</param>
public readonly record struct AccountGateVerdict(AccountGateOutcome Outcome, object? Answer = null, TimeSpan ReleaseIn = default);

/// <summary>
/// The user's flood gates, as the user actor applies them. Every request of the user, from
/// whichever terminal, passes a token bucket shared by all the terminals, so a second terminal
/// buys no more requests. Chat lines (say, DM) and the other requests (who, history, whois, mark
/// read, ...) have a bucket each: one terminal pasting a long block spends the chat bucket only,
/// so another terminal's `who` or a scroll back through history is still answered. The buckets
/// are the user actor's own state, like the rest of the user's: no other actor touches them.
/// A request is counted when it first arrives, whatever the actor's state; one that then waits in
/// the stash is remembered and passes uncounted when it comes back.
/// <para>
/// Chat lines over the allowance are held, in order, and go on later (<see cref="AccountChatHold{T}"/>),
/// as a connection's are: each connection keeps its own pace, but they reach the user actor
/// after varying delays, and two terminals pasting at once outrun the account; neither is
/// a reason to refuse a line. Only past the held lines' bound is a chat line refused.
/// The other requests are still refused over their own bucket: they are one-off questions (a
/// whois, a page of history) that a client asks again, a held one would only answer later what
/// is stale by then, and holding them would let them pile up behind no reader's bound (only
/// chat lines count in flight). They never wait behind the chat lines, held or not.
/// </para>
/// </summary>
public sealed class UserFloodControl(SessionLimits limits)
{
    private readonly AccountChatHold<Envelope> _chatLines = new(limits.NewAccountFloodGate());
    private readonly FloodGate _otherRequests = limits.NewAccountFloodGate();

    public const string FloodingReason = "too many requests from your account after being told to slow down";

    // Requests waiting in the stash that the gate has already counted, and held lines it has let
    // go. Each request is its own instance (sessions make one per line), so they are told apart
    // by reference, not by value: two identical "say" lines are two requests. Made when one
    // waits, dropped when none does.
    private HashSet<object>? _countedAndWaiting;

    public int HeldChatLines => _chatLines.Held;

    /// <summary>What the gates do with a message that reached the user actor from <paramref name="envelope"/>'s sender.</summary>
    /// <param name="connections">The user's terminals: they set the bound of the held lines.</param>
    public AccountGateVerdict Decide(Envelope envelope, TimeSpan now, int connections)
    {
        var message = envelope.Message;
        if (!UserRequestsInFlight.IsRequest(message) || WasCountedAndWaiting(message))
            return Pass;
        if (!IsChatLine(message))
        {
            var verdict = _otherRequests.Admit(now);
            return verdict.Outcome == FloodOutcome.Admitted ? Pass : Refused(message, verdict.Outcome == FloodOutcome.Disconnect, verdict.RetryAfter);
        }
        var line = _chatLines.Arrive(envelope, now, limits.AccountMaxHeldChatLines(connections));
        return line.Outcome switch
        {
            HoldOutcome.Admitted => Pass,
            HoldOutcome.Held => Held(line.After),
            _ => Refused(message, line.Outcome == HoldOutcome.Disconnect, line.After),
        };
    }

    private static readonly AccountGateVerdict Pass = new(AccountGateOutcome.Pass);

    private static AccountGateVerdict Held(TimeSpan releaseIn)
    {
        ChatMetrics.Held("account");
        return new AccountGateVerdict(AccountGateOutcome.Held, ReleaseIn: releaseIn);
    }

    private static AccountGateVerdict Refused(object request, bool disconnect, TimeSpan retryAfter)
    {
        ChatMetrics.Flood("user", disconnected: disconnect);
        return new AccountGateVerdict(AccountGateOutcome.Answered, disconnect
            ? new CloseWithBye(ErrorCodes.Flooding, FloodingReason)
            : RateLimited.Error(retryAfter, "too many requests from your account; slow down", UserRequestsInFlight.IdOf(request)));
    }

    /// <summary>
    /// The held chat lines the gate lets go now, oldest first. Each is counted: when it comes
    /// back through the gate (its actor hands it in again) it passes, as a stashed one does.
    /// </summary>
    public IReadOnlyList<Envelope> Release(TimeSpan now)
    {
        var released = _chatLines.Release(now);
        foreach (var line in released)
            Waiting(line.Message);
        return released;
    }

    /// <summary>How long until the oldest held chat line may go; null when none is held.</summary>
    public TimeSpan? NextReleaseIn(TimeSpan now) => _chatLines.NextReleaseIn(now);

    /// <summary>Takes out the held chat lines of a terminal that went (logged out or closed), oldest first.</summary>
    public IReadOnlyList<Envelope> Detached(IActorRef session) => _chatLines.Remove(line => line.Sender.Equals(session));

    /// <summary>Takes out every held chat line, oldest first: the actor stops or hands off, and answers them.</summary>
    public IReadOnlyList<Envelope> TakeAllHeld() => _chatLines.RemoveAll();

    /// <summary>The message is about to wait in the stash, counted already if it is a request.</summary>
    public void Waiting(object message)
    {
        if (UserRequestsInFlight.IsRequest(message))
            (_countedAndWaiting ??= new(ReferenceEqualityComparer.Instance)).Add(message);
    }

    private bool WasCountedAndWaiting(object message)
    {
        if (_countedAndWaiting is null || !_countedAndWaiting.Remove(message))
            return false;
        if (_countedAndWaiting.Count == 0)
            _countedAndWaiting = null;
        return true;
    }

    /// <summary>How long until neither gate holds anything against the user: fresh gates then are no gift.</summary>
    public TimeSpan UntilRested(TimeSpan now)
    {
        var chat = _chatLines.UntilRested(now);
        var other = _otherRequests.UntilRested(now);
        return chat > other ? chat : other;
    }

    private static bool IsChatLine(object message) => message is SayInRoom or SendDirectMessage or Say or SendDirect;
}
