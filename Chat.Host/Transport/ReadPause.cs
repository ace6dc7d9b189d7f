using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;

namespace Chat.Host.Transport;

/// <summary>
/// Where a paced connection's reader (<see cref="PacedLineReader"/>) waits while the connection's
/// lines in flight are at their bound, for both doors. Called only under the lock that guards the
/// connection's <see cref="InboundFlow"/>, so it takes none of its own. A struct, held in a
/// (not readonly) field: an idle connection pays no object for it.
/// </summary>
internal struct ReadPause
{
    private TaskCompletionSource? _readable;

    /// <summary>Done at once unless the flow is paused and the connection still read; else done at <see cref="End"/>.</summary>
    public Task WhilePausedAsync(InboundFlow flow, bool cutOff)
    {
        if (!flow.ReadPaused || cutOff)
            return Task.CompletedTask;
        ChatMetrics.ReadPaused(flow.Limits.MaxInFlight);
        _readable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _readable.Task;
    }

    /// <summary>Lets a waiting reader go on: the flow is under its bound again, or the connection was cut off.</summary>
    public void End()
    {
        _readable?.TrySetResult();
        _readable = null;
    }
}
