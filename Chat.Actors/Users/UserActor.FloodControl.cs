using Akka.Actor;
using Chat.Protocol;
using Chat.Actors.Directories;
using Chat.Actors.Sessions;

namespace Chat.Actors.Users;

/// <summary>
/// This part: the user's flood gate. Every request of the user, from whichever terminal, passes
/// one token bucket, so a second terminal buys no more requests. The bucket is this actor's own
/// state, like the rest of the user's: no other actor touches it. It sits in front of every state
/// (<see cref="AroundReceive"/>) and counts a request when it first arrives, whatever the state.
/// </summary>
public sealed partial class UserActor
{
    private const string FloodingReason = "too many requests from your account after being told to slow down";

    private readonly FloodGate _floodGate;
    // Requests waiting in the stash that the gate has already counted. They come back through
    // AroundReceive when unstashed, and must not be counted twice. Each request is its own
    // instance (sessions make one per line), so they are told apart by reference, not by value:
    // two identical "say" lines are two requests.
    private readonly HashSet<object> _countedAndWaiting = new(ReferenceEqualityComparer.Instance);

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record CheckFloodGateRested
    {
        public static readonly CheckFloodGateRested Instance = new();
    }

    // Requests never come through the timer scheduler, so the raw message is the request itself.
    protected override bool AroundReceive(Receive receive, object message) =>
        !PassesFloodGate(message) || base.AroundReceive(receive, message);

    /// <summary>
    /// True for anything that is not a request of the user, for a request counted before it
    /// waited, and for one the gate admits now. A refused request is answered and dropped; a user
    /// who keeps pushing loses the terminal that pushed.
    /// </summary>
    private bool PassesFloodGate(object message)
    {
        if (!IsRequest(message) || _countedAndWaiting.Remove(message))
            return true;
        var verdict = _floodGate.Admit(MonotonicClock.Now());
        switch (verdict.Outcome)
        {
            case FloodOutcome.Refused:
                Sender.Tell(RateLimited.Error(verdict.RetryAfter, "too many requests from your account; slow down", RequestIdOf(message)));
                return false;
            case FloodOutcome.Disconnect:
                Sender.Tell(new CloseWithBye(ErrorCodes.Flooding, FloodingReason));
                return false;
            default:
                return true;
        }
    }

    /// <summary>What the states that make the user's requests wait do with them: stash them, marked as counted.</summary>
    private void StashCounted(object message)
    {
        if (IsRequest(message))
            _countedAndWaiting.Add(message);
        Stash.Stash();
    }

    private static bool IsRequest(object message) => message is IUserRequest or ClientFrame;

    private static RequestId? RequestIdOf(object request) =>
        request is IUserRequest command ? command.Re : ((ClientFrame)request).Id;

    /// <summary>
    /// A user with no terminal left is stopped only once the gate holds nothing against them: the
    /// next actor for the user would start with a full bucket, and closing every terminal and
    /// logging straight back in must not buy a flooder a new burst.
    /// </summary>
    private void IdleOnceRested()
    {
        if (_state.IsOnline)
            return;
        var untilRested = _floodGate.UntilRested(MonotonicClock.Now());
        if (untilRested > TimeSpan.Zero)
            Timers.StartSingleTimer(nameof(CheckFloodGateRested), CheckFloodGateRested.Instance, untilRested);
        else
            Context.Parent.Tell(new Passivate(StopIfIdle.Instance));
    }
}
