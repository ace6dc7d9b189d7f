using System.Collections.Immutable;
using Akka.Actor;
using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;
using Chat.Protocol;

namespace Chat.Actors.Delivery;

/// <summary>
/// The one writer of a node's client connections (/user/delivery): it holds the output of every
/// connection this node accepted, by its session, and is the only actor that writes to them.
/// Rooms, user actors and sessions send it frames encoded once, with the sessions to write them
/// to (for a room, the room's sessions here, told once per membership change); it writes the
/// same bytes to each. One message per node per fan-out, not one per member: a socket write
/// costs less than an actor hop. A room's fan-out is written a slice of its audience at a time
/// (<see cref="FanOutRound"/>), the next slice a message to itself, so other work comes between.
/// A connection is forgotten when its session stops. It also clocks its sessions' guards (the
/// login deadline, the link's liveness): one timer per node tells every session to check them.
/// </summary>
public sealed class DeliveryActor : ReceiveActor, FanOutRound.IEffects, IWithTimers
{
    public const string Name = "delivery";

    /// <summary>Write the room's next slice (sent to itself, at once or after a pause); one of an earlier <paramref name="Turn"/> is stale.</summary>
    public sealed record NextSlice(string Room, long Turn);

    // The scheduler ticks every 10 ms, longer than most pauses, so a wait comes from a .NET timer.
    private static readonly TimeSpan ShortestTimedPause = TimeSpan.FromMilliseconds(1);

    private readonly Dictionary<IActorRef, IConnectionOutput> _outputs = new(SessionRefComparer.Instance);
    // Each room's member sessions on this node (RoomAudience), so its traffic names the room
    // only, and the round its writes are at.
    private readonly Dictionary<string, FanOutRound> _rooms = new(StringComparer.Ordinal);
    // Rooms whose next slice is already asked for: the NextSlice's turn, and whether it waits out a pause.
    private readonly Dictionary<string, (long Turn, bool Paused)> _stepping = new(StringComparer.Ordinal);
    private long _turns;
    private readonly FanOutPacing _pacing;
    // Once the host said goodbye (its encoded bye, and why): every connection's last frame.
    private (byte[] Bye, string Reason)? _farewell;

    private readonly TimeSpan? _guardChecks;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="guardChecks">How often to tell every session to check its guards (<see cref="SessionLimits.GuardCheckInterval"/>); null: never.</param>
    public DeliveryActor(FanOutPacing pacing, TimeSpan? guardChecks)
    {
        _pacing = pacing;
        _guardChecks = guardChecks;
        Receive<CheckConnectionGuards>(check =>
        {
            foreach (var session in _outputs.Keys)
                session.Tell(check);
        });
        Receive<OpenConnection>(open =>
        {
            _outputs[open.Session] = open.Output;
            Context.Watch(open.Session);
            if (_farewell is not null)
                SayGoodbye(open.Output);
        });
        Receive<SayGoodbyeToAll>(goodbye =>
        {
            _farewell = (Outbound.Encode(new Bye(goodbye.Code, goodbye.Reason)), $"{goodbye.Code}: {goodbye.Reason}");
            foreach (var output in _outputs.Values)
                SayGoodbye(output);
            foreach (var round in _rooms.Values)
                round.Abandon();
        });
        Receive<Deliver>(deliver => Write(deliver.Sessions, deliver.Frames));
        Receive<RoomAudience>(audience =>
        {
            var round = Round(audience.Room);
            round.ChangeAudience(audience.Sessions, this);
            if (audience.Sessions.IsEmpty)
                _rooms.Remove(audience.Room);
        });
        Receive<DeliverFanOut>(fanOut =>
        {
            // The room may send its next as soon as this one is here: what it sends meanwhile
            // joins what waits for the round (FanOutRound), rather than wait for the first write.
            // The answer goes behind what the thread pool already holds rather than straight to
            // the room, so a busy room gathers a little more into its next batch: told straight,
            // the 500-member p99 went from 34-55 to 46-124 ms (docs/benchmarks.md, "Session 10").
            ThreadPool.UnsafeQueueUserWorkItem(static room => room.Tell(FanOutReceived.Instance), Sender, preferLocal: false);
            if (_farewell is not null)
                return;
            var round = Round(fanOut.Room);
            round.Add(fanOut);
            // In a pause, what waits may have just outgrown the last write: then it goes now, and
            // the pause's NextSlice, when it comes, is stale.
            if (!_stepping.TryGetValue(fanOut.Room, out var stepping) || (stepping.Paused && round.NextStepIn() == TimeSpan.Zero))
                Advance(fanOut.Room, round);
        });
        Receive<NextSlice>(next =>
        {
            if (!_stepping.TryGetValue(next.Room, out var stepping) || stepping.Turn != next.Turn)
                return;
            _stepping.Remove(next.Room);
            if (_rooms.TryGetValue(next.Room, out var round))
                Advance(next.Room, round);
        });
        Receive<DeliverDirectMessages>(deliver =>
        {
            // After the farewell nothing is written: the DMs stay undelivered for the next login.
            if (_farewell is not null)
                return;
            var frames = deliver.Frames.AsMemory();
            var taken = false;
            foreach (var session in deliver.Sessions)
                if (_outputs.TryGetValue(session, out var output))
                {
                    if (output.TryWrite(frames))
                        taken = true;
                    else
                        output.Close("outbound queue full: the client is not reading");
                }
            if (taken)
                Sender.Tell(new DirectMessagesWritten(deliver.UpToId));
        });
        Receive<CloseConnection>(close =>
        {
            if (!_outputs.TryGetValue(close.Session, out var output))
                return;
            if (close.AfterQueued)
                output.Finish(close.Reason);
            else
                output.Close(close.Reason);
        });
        Receive<Terminated>(t => _outputs.Remove(t.ActorRef));
    }

    protected override void PreStart()
    {
        if (_guardChecks is { } every)
            Timers.StartPeriodicTimer(nameof(CheckConnectionGuards), CheckConnectionGuards.Instance, every);
    }

    private void SayGoodbye(IConnectionOutput output)
    {
        output.TryWrite(_farewell!.Value.Bye);
        output.Finish(_farewell.Value.Reason);
    }

    private FanOutRound Round(string room)
    {
        if (!_rooms.TryGetValue(room, out var round))
            _rooms[room] = round = new FanOutRound(_pacing, System.Diagnostics.Stopwatch.GetTimestamp);
        return round;
    }

    /// <summary>Writes the room's next slice if it may go now, and asks for the one after: at once, behind what else waits, or after its pause.</summary>
    private void Advance(string room, FanOutRound round)
    {
        _stepping.Remove(room);
        var wait = round.NextStepIn();
        if (wait is null)
            return;
        if (wait < ShortestTimedPause)
        {
            round.Step(this);
            wait = round.NextStepIn();
            if (wait is null)
            {
                // A room with no audience here (told none, or forgotten) is not kept for nothing.
                if (round.Members == 0)
                    _rooms.Remove(room);
                return;
            }
        }
        var next = new NextSlice(room, ++_turns);
        _stepping[room] = (next.Turn, wait >= ShortestTimedPause);
        if (wait < ShortestTimedPause)
            Self.Tell(next);
        else
            Task.Delay(wait.Value).ContinueWith(static (_, state) =>
            {
                var (self, next) = ((IActorRef, NextSlice))state!;
                self.Tell(next);
            }, (Self, next), TaskScheduler.Default);
    }

    void FanOutRound.IEffects.Write(IActorRef session, ReadOnlyMemory<byte> frames)
    {
        if (_farewell is null && _outputs.TryGetValue(session, out var output))
            output.Write(frames);
    }

    void FanOutRound.IEffects.Completed(long receivedAt) => ChatMetrics.FanOutDuration.RecordSince(receivedAt);

    /// <summary>The same bytes to each session.</summary>
    private void Write(ImmutableArray<IActorRef> sessions, byte[] frames)
    {
        if (_farewell is not null)
            return;
        var memory = frames.AsMemory();
        foreach (var session in sessions)
            if (_outputs.TryGetValue(session, out var output))
                output.Write(memory);
    }

    public static Props Props(FanOutPacing pacing, TimeSpan? guardChecks = null) => Akka.Actor.Props.Create(() => new DeliveryActor(pacing, guardChecks));
}
