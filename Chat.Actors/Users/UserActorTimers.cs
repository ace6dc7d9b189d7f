using Akka.Actor;

namespace Chat.Actors.Users;

/// <summary>
/// The user actor's three timers, held only while they run. Akka's timer scheduler (IWithTimers)
/// gives every actor a scheduler and its table for as long as the actor lives, which an idle user
/// never needs (about 0.3 KiB per connection). What a timer sent before it was cancelled may still
/// arrive: the user actor ignores an <see cref="AskRoomsAgain"/> once it is no longer arriving,
/// and a <see cref="CheckFloodGateRested"/> or a <see cref="ReleaseHeldChatLines"/> only makes it look again.
/// </summary>
internal sealed class UserActorTimers(IActorRef self, IScheduler scheduler)
{
    private ICancelable? _askingRoomsAgain;
    private ICancelable? _restedCheck;
    private ICancelable? _heldLinesRelease;

    /// <summary>The account's gate holds chat lines and will look again when the timer fires.</summary>
    public bool ReleasingHeldChatLines => _heldLinesRelease is not null;

    public void AskRoomsAgainEvery(TimeSpan interval)
    {
        _askingRoomsAgain?.Cancel();
        _askingRoomsAgain = scheduler.ScheduleTellRepeatedlyCancelable(interval, interval, self, AskRoomsAgain.Instance, self);
    }

    public void StopAskingRoomsAgain()
    {
        _askingRoomsAgain?.Cancel();
        _askingRoomsAgain = null;
    }

    public void CheckFloodGateRestedIn(TimeSpan delay)
    {
        _restedCheck?.Cancel();
        _restedCheck = scheduler.ScheduleTellOnceCancelable(delay, self, CheckFloodGateRested.Instance, self);
    }

    public void ReleaseHeldChatLinesIn(TimeSpan delay)
    {
        _heldLinesRelease?.Cancel();
        _heldLinesRelease = scheduler.ScheduleTellOnceCancelable(delay, self, ReleaseHeldChatLines.Instance, self);
    }

    public void StopReleasingHeldChatLines()
    {
        _heldLinesRelease?.Cancel();
        _heldLinesRelease = null;
    }

    public void StopAll()
    {
        StopAskingRoomsAgain();
        StopReleasingHeldChatLines();
        _restedCheck?.Cancel();
        _restedCheck = null;
    }
}
