using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Storage;
using Chat.Actors.Telemetry;
using Chat.Protocol;

namespace Chat.Actors.Rooms;

/// <summary>
/// A room's fan-out, clocked by the writes: one fan-out in flight per node; what commits (or is
/// announced: joins, leaves, renames, away, roles, moderation) while the delivery actors write it
/// waits in the batch and goes, together and in the order decided, as soon as they have. A quiet
/// room sends each message at once; a busy one, or one in a storm of joins, sends ever larger
/// batches (one socket write per member for many messages or joins), so the writes set the pace.
/// With a pause (<see cref="FanOutPacing"/>) the next batch also waits that many times as long as
/// the last write took, when that was a small batch, unless the next has already outgrown it:
/// fewer, larger writes for less CPU while the room keeps up (docs/benchmarks.md). The senders'
/// "ok" goes when their message is handed to the nodes.
/// </summary>
internal sealed class RoomFanOut(string room, int maxBatchBytes, FanOutPacing pacing, Func<IReadOnlyCollection<IActorRef>> nodes, Func<int> connections, ITimerScheduler timers, IActorRef self)
{
    /// <summary>The nodes did not all answer within <see cref="Patience"/>.</summary>
    public sealed record Overdue
    {
        public static readonly Overdue Instance = new();
    }

    // A delivery actor answers every fan-out at once unless its node is gone; past this the room
    // stops waiting for it rather than hold its members' messages forever.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>The pause after the last fan-out is over: what waits may go.</summary>
    public sealed record PauseOver
    {
        public static readonly PauseOver Instance = new();
    }

    // Akka's scheduler ticks every 10 ms, longer than most pauses (a 2,000-member write takes a
    // few ms), so the wake-up comes from a .NET timer, which has millisecond resolution.
    private static readonly TimeSpan ShortestTimedPause = TimeSpan.FromMilliseconds(1);

    private readonly FanOutBatch _batch = new();
    // Fan-outs handed to delivery actors and not yet written; the next waits until this is 0.
    private int _inFlight;
    private long _started;
    // Stopwatch time before which the next fan-out waits, and whether a wake-up is set for it.
    private long _pausedUntil;
    private bool _wakeUpSet;
    // Frames in the last fan-out: a batch that has grown past it is behind the load.
    private int _lastCount;
    private int _lastBytes;

    /// <summary>Nothing waits to be sent and nothing sent waits to be written.</summary>
    public bool IsSettled => _batch.IsEmpty && _inFlight == 0;

    public int InFlight => _inFlight;

    /// <summary>Adds committed messages to the batch; sends now unless a fan-out is still being written.</summary>
    public void Enqueue(ImmutableArray<PendingMessage> committed)
    {
        foreach (var message in committed)
        {
            _batch.Add(message);
            SendIfFull();
        }
        SendUnlessInFlight();
    }

    /// <summary>Adds an announcement to the batch, after what was decided before it; sends now unless a fan-out is still being written.</summary>
    public void Announce(ServerFrame announcement)
    {
        _batch.Add(announcement);
        SendIfFull();
        SendUnlessInFlight();
    }

    /// <summary>
    /// These connections were just sent the page: of what waits they get only what comes after,
    /// so page and live traffic neither overlap nor leave a gap, and a joiner hears nothing from
    /// before it entered, with no need to send what waits early.
    /// </summary>
    public void Entering(IEnumerable<ClientConnection> connections) => _batch.Entering(connections);

    // One write per member must fit what a connection may queue (FrameBounds counts on this).
    private void SendIfFull()
    {
        if (_batch.Bytes >= maxBatchBytes)
            SendNow();
    }

    private void SendUnlessInFlight()
    {
        if (_inFlight == 0)
            SendOncePaused();
    }

    /// <summary>The pause set after the last fan-out has passed.</summary>
    public void PauseEnded()
    {
        _wakeUpSet = false;
        SendUnlessInFlight();
    }

    /// <summary>Sends what waits now, whatever is in flight: also what a member leaving or a full batch asks for.</summary>
    public void SendNow()
    {
        if (_batch.IsEmpty)
            return;
        _lastBytes = _batch.Bytes;
        _lastCount = _batch.Count;
        var (frames, messages, entered) = _batch.Take();
        var targets = nodes();
        if (_inFlight == 0)
        {
            _started = Stopwatch.GetTimestamp();
            timers.StartSingleTimer(nameof(Overdue), Overdue.Instance, Patience);
        }
        foreach (var node in targets)
            node.Tell(new DeliverFanOut(room, frames) { Entered = EnteredOn(node, entered) }, self);
        _inFlight += targets.Count;
        if (_inFlight == 0)
            timers.Cancel(nameof(Overdue));
        ChatMetrics.FanOutSent(messages.Length, connections());
        foreach (var message in messages)
            message.ReplyTo.Tell(new Ok { Re = message.Re, Seq = message.Record.Seq });
    }

    private static ImmutableArray<EnteredAt> EnteredOn(IActorRef node, KeyValuePair<ClientConnection, int>[] entered) =>
        entered.Length == 0 ? [] : [.. entered.Where(e => e.Key.Delivery.Equals(node)).Select(e => new EnteredAt(e.Key.Session, e.Value))];

    /// <summary>A node wrote a fan-out; once all have, what waits goes next.</summary>
    public void Written()
    {
        if (_inFlight == 0 || --_inFlight > 0)
            return;
        timers.Cancel(nameof(Overdue));
        ChatMetrics.FanOutDuration.RecordSince(_started);
        var now = Stopwatch.GetTimestamp();
        // A large batch costs its bytes: pausing after it would only idle a core the room needs.
        _pausedUntil = _lastBytes < pacing.BelowBytes ? now + (long)((now - _started) * pacing.Pause) : now;
        SendOncePaused();
    }

    private void SendOncePaused()
    {
        if (_batch.IsEmpty)
            return;
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _pausedUntil);
        // The pause is for letting a batch grow. One that grew past the last one while that
        // was written is behind the load: waiting would only add latency and leave the core idle
        // (an overloaded room would write half the time and fall ever further behind).
        if (left < ShortestTimedPause || _batch.Count > _lastCount)
        {
            SendNow();
            return;
        }
        if (_wakeUpSet)
            return;
        _wakeUpSet = true;
        Task.Delay(left).ContinueWith(static (_, room) => ((IActorRef)room!).Tell(PauseOver.Instance), self, TaskScheduler.Default);
    }

    /// <summary>Stops waiting for nodes that did not answer in time, and sends what waits.</summary>
    public void GiveUpWaiting()
    {
        _inFlight = 0;
        SendNow();
    }
}

/// <summary>
/// How long a room waits after a fan-out: <paramref name="Pause"/> times as long as its writes
/// took (chat.rooms.fan-out-pause), after a batch of fewer than <paramref name="BelowBytes"/>
/// bytes only (chat.rooms.fan-out-pause-below-bytes).
/// </summary>
public sealed record FanOutPacing(double Pause, int BelowBytes);
