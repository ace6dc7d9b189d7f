using System.Collections.Immutable;
using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Storage;
using Chat.Actors.Telemetry;
using Chat.Protocol;

namespace Chat.Actors.Rooms;

/// <summary>
/// A room's fan-out, clocked by the nodes: one batch in flight per node, until the node's
/// delivery actor has it; what commits (or is announced: joins, leaves, renames,
/// away, roles, moderation) meanwhile waits in the batch and goes, together and in the order
/// decided, as soon as it has. A quiet room sends each message at once; a busy one, or one in a
/// storm of joins, sends ever larger batches. How fast and how often each member is written is
/// the node's to decide (<see cref="FanOutRound"/>). The senders' "ok" goes when their message
/// is handed to the nodes.
/// </summary>
internal sealed class RoomFanOut(string room, int maxBatchBytes, Func<IReadOnlyCollection<IActorRef>> nodes, Func<int> connections, ITimerScheduler timers, IActorRef self)
{
    /// <summary>The nodes did not all answer within <see cref="Patience"/>.</summary>
    public sealed record Overdue
    {
        public static readonly Overdue Instance = new();
    }

    // A delivery actor answers every fan-out as soon as it has it, unless its node is gone;
    // past this the room stops waiting for it rather than hold its members' messages forever.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly FanOutBatch _batch = new();
    // Fan-outs sent to delivery actors and not yet answered; the next waits until this is 0.
    private int _inFlight;

    /// <summary>Nothing waits to be sent and nothing sent waits for its answer.</summary>
    public bool IsSettled => _batch.IsEmpty && _inFlight == 0;

    public int InFlight => _inFlight;

    /// <summary>Adds committed messages to the batch; sends now unless a fan-out is still in flight.</summary>
    public void Enqueue(ImmutableArray<PendingMessage> committed)
    {
        foreach (var message in committed)
        {
            _batch.Add(message);
            SendIfFull();
        }
        SendUnlessInFlight();
    }

    /// <summary>Adds an announcement to the batch, after what was decided before it; sends now unless a fan-out is still in flight.</summary>
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
            SendNow();
    }

    /// <summary>Sends what waits now, whatever is in flight: also what a member leaving or a full batch asks for.</summary>
    public void SendNow()
    {
        if (_batch.IsEmpty)
            return;
        var (frames, messages, entered) = _batch.Take();
        var targets = nodes();
        if (_inFlight == 0)
            timers.StartSingleTimer(nameof(Overdue), Overdue.Instance, Patience);
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

    /// <summary>A node has the fan-out; once all have, what waits goes next.</summary>
    public void Received()
    {
        if (_inFlight == 0 || --_inFlight > 0)
            return;
        timers.Cancel(nameof(Overdue));
        SendNow();
    }

    /// <summary>Stops waiting for nodes that did not answer in time, and sends what waits.</summary>
    public void GiveUpWaiting()
    {
        _inFlight = 0;
        SendNow();
    }
}
