using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;

namespace Chat.Host.Transport;

/// <summary>
/// The two waits of a paced connection's inbound flow, for both doors: its reader
/// (<see cref="PacedLineReader"/>) paused while the flow stops reading (<see cref="InboundFlow.StopsReading"/>),
/// and the timer that lets held lines go. Called only under the lock that guards the connection's
/// <see cref="InboundFlow"/>, so it takes none of its own. A struct, held in a (not readonly)
/// field, with its timer made when a line is first held: an idle connection pays for neither.
/// </summary>
internal struct InboundFlowWaits
{
    private TaskCompletionSource? _readable;
    private Timer? _releaseTimer;

    /// <summary>Done at once unless the flow is paused and the connection still read; else done when the pause ends.</summary>
    public Task WhileReadPausedAsync(InboundFlow flow, bool cutOff)
    {
        if (!flow.StopsReading || cutOff)
            return Task.CompletedTask;
        ChatMetrics.ReadPaused(flow.AtInFlightBound ? flow.Limits.MaxInFlight : flow.Limits.MaxHeldLines);
        _readable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _readable.Task;
    }

    /// <summary>
    /// After the flow decided: a paused reader goes on once the flow is under its bound, and the
    /// timer is set for the next held line, or stopped when none waits for time (or the connection
    /// was cut off). The timer calls <paramref name="release"/> with <paramref name="owner"/>.
    /// </summary>
    public void Settle(InboundFlow flow, bool cutOff, TimeSpan now, TimerCallback release, object owner)
    {
        if (!flow.StopsReading)
            EndReadPause();
        if ((cutOff ? null : flow.NextReleaseIn(now)) is { } next)
            (_releaseTimer ??= new Timer(release, owner, Timeout.Infinite, Timeout.Infinite)).Change(next, Timeout.InfiniteTimeSpan);
        else
            _releaseTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Lets a waiting reader go on: the flow is under its bound again, or the connection was cut off.</summary>
    public void EndReadPause()
    {
        _readable?.TrySetResult();
        _readable = null;
    }

    /// <summary>The connection ended: nothing more is timed.</summary>
    public void StopTimer() => _releaseTimer?.Dispose();
}
