using Chat.Actors.Telemetry;
using Chat.Actors.Sessions;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>
/// The user's flood gates, as the user actor applies them. Every request of the user, from
/// whichever terminal, passes a token bucket shared by all the terminals, so a second terminal
/// buys no more requests. Chat lines (say, DM) and the other requests (who, history, whois, mark
/// read, ...) have a bucket each: one terminal pasting a long block spends the chat bucket only,
/// so another terminal's `who` or a scroll back through history is still answered. The buckets
/// are the user actor's own state, like the rest of the user's: no other actor touches them.
/// A request is counted when it first arrives, whatever the actor's state; one that then waits in
/// the stash is remembered and passes uncounted when it comes back.
/// </summary>
public sealed class UserFloodControl(SessionLimits limits)
{
    private readonly FloodGate _chatLines = limits.NewAccountFloodGate();
    private readonly FloodGate _otherRequests = limits.NewAccountFloodGate();

    public const string FloodingReason = "too many requests from your account after being told to slow down";

    // Requests waiting in the stash that the gate has already counted. Each request is its own
    // instance (sessions make one per line), so they are told apart by reference, not by value:
    // two identical "say" lines are two requests. Made when one waits, dropped when none does.
    private HashSet<object>? _countedAndWaiting;

    /// <summary>
    /// Null for anything that is not a request of the user, for a request counted before it
    /// waited, and for one the gate admits now. Otherwise what the asking session is told instead:
    /// "rate_limited", or for a user who keeps pushing, to close with "bye".
    /// </summary>
    public object? Refusal(object message, TimeSpan now)
    {
        if (!UserRequestsInFlight.IsRequest(message) || WasCountedAndWaiting(message))
            return null;
        var verdict = (IsChatLine(message) ? _chatLines : _otherRequests).Admit(now);
        if (verdict.Outcome is FloodOutcome.Refused or FloodOutcome.Disconnect)
            ChatMetrics.Flood("user", disconnected: verdict.Outcome is FloodOutcome.Disconnect);
        return verdict.Outcome switch
        {
            FloodOutcome.Refused => RateLimited.Error(verdict.RetryAfter, "too many requests from your account; slow down", UserRequestsInFlight.IdOf(message)),
            FloodOutcome.Disconnect => new CloseWithBye(ErrorCodes.Flooding, FloodingReason),
            _ => null,
        };
    }

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
