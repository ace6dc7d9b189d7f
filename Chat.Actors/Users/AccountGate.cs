using Akka.Actor;
using Chat.Actors.Sessions;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>
/// The account's flood gates in front of every state of the user actor (its AroundReceive): asks
/// <see cref="UserFloodControl"/> what each message is to them, tells the asker a refusal, and
/// keeps the chat lines it holds. When the gate lets one go (a timer at the gate's time), the
/// line is put back at the front of the actor's mailbox with its own sender, as if it had just
/// arrived, and passes the gate uncounted: the state then does with it what it does with any
/// line (an arriving or settling user stashes it, behind what waits already). Lines behind a held
/// one are held behind it, so a user's lines keep their order. The timer runs only while lines
/// are held (one of <see cref="UserActorTimers"/>).
/// </summary>
internal sealed class AccountGate(UserFloodControl flood, UserActorTimers timers)
{
    private const string LoggedOutFirst = "you logged out before this line's turn came; it was not sent";

    public UserFloodControl Flood => flood;

    /// <summary>True when the gate dealt with the message (answered it, held it, or it was the gate's timer); false when it goes on to the actor's state.</summary>
    /// <param name="stash">The actor's stash, through which held lines go back to the front of its mailbox.</param>
    /// <param name="connections">The user's terminals: they set how many lines may be held.</param>
    public bool Keeps(object message, IActorRef sender, IStash stash, int connections)
    {
        var now = MonotonicClock.Now();
        if (message is ReleaseHeldChatLines)
        {
            LetGo(stash, now);
            return true;
        }
        var verdict = flood.Decide(new Envelope(message, sender), now, connections);
        switch (verdict.Outcome)
        {
            case AccountGateOutcome.Pass:
                return false;
            case AccountGateOutcome.Held:
                if (!timers.ReleasingHeldChatLines)
                    timers.ReleaseHeldChatLinesIn(verdict.ReleaseIn);
                return true;
            default:
                sender.Tell(verdict.Answer);
                return true;
        }
    }

    /// <summary>
    /// A terminal went: its held lines go with it. A closed one hears nothing (it is gone; telling
    /// it would only make dead letters); one that logged out is told each was not sent, so its
    /// reader counts it answered. Told as a rejection, which no phase of the session takes for
    /// the answer to a login of its own that may be under way by then.
    /// </summary>
    public void Detached(IActorRef session, bool closed)
    {
        foreach (var line in flood.Detached(session))
            if (!closed)
                session.Tell(FrameRejected.Of(new ErrorReply(ErrorCodes.NotLoggedIn, LoggedOutFirst) { Re = UserRequestsInFlight.IdOf(line.Message) }));
        if (flood.HeldChatLines == 0)
            timers.StopReleasingHeldChatLines();
    }

    /// <summary>The actor stops or hands off: every held line, oldest first, for it to answer; nothing is held after.</summary>
    public IReadOnlyList<Envelope> TakeAllHeld()
    {
        timers.StopReleasingHeldChatLines();
        return flood.TakeAllHeld();
    }

    private void LetGo(IStash stash, TimeSpan now)
    {
        timers.StopReleasingHeldChatLines();
        var released = flood.Release(now);
        // Each goes in at the front of the mailbox: the last first, so they come out in order.
        for (var i = released.Count - 1; i >= 0; i--)
        {
            stash.Prepend([released[i]]);
            stash.Unstash();
        }
        if (flood.NextReleaseIn(now) is { } next)
            timers.ReleaseHeldChatLinesIn(next);
    }
}
