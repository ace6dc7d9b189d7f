using System.Collections.Immutable;
using Akka.Actor;
using Chat.Protocol;

namespace Chat.Actors.Delivery;

/// <summary>
/// The one writer of a node's client connections (/user/delivery): it holds the output of every
/// connection this node accepted, by its session, and is the only actor that writes to them.
/// Rooms, user actors and sessions send it frames encoded once, with the sessions to write them
/// to (for a room, the room's sessions here, told once per membership change); it writes the
/// same bytes to each. One message per node per fan-out, not one per member: a socket write
/// costs less than an actor hop. A connection is forgotten when its session stops.
/// </summary>
public sealed class DeliveryActor : ReceiveActor
{
    public const string Name = "delivery";

    private readonly Dictionary<IActorRef, IConnectionOutput> _outputs = new(SessionRefComparer.Instance);
    // Each room's member sessions on this node (RoomAudience), so its traffic names the room only.
    private readonly Dictionary<string, ImmutableArray<IActorRef>> _audiences = new(StringComparer.Ordinal);
    // Once the host said goodbye (its encoded bye, and why): every connection's last frame.
    private (byte[] Bye, string Reason)? _farewell;

    public DeliveryActor()
    {
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
        });
        Receive<Deliver>(deliver => Write(deliver.Sessions, deliver.Frames));
        Receive<RoomAudience>(audience =>
        {
            if (audience.Sessions.IsEmpty)
                _audiences.Remove(audience.Room);
            else
                _audiences[audience.Room] = audience.Sessions;
        });
        Receive<DeliverFanOut>(fanOut =>
        {
            Write(_audiences.GetValueOrDefault(fanOut.Room, []), fanOut.Frames, fanOut.Entered);
            // With the sends inline (chat.protocol.inline-socket-work, the default) the writes
            // above were the sends; on the thread pool they only copied the bytes into the pipes
            // and queued the sends. The answer queues behind those, so a busy host answers once
            // they had their turn and the room's next batch grows with the load, instead of a
            // fan-out per message racing the sends (docs/benchmarks.md).
            ThreadPool.UnsafeQueueUserWorkItem(static room => room.Tell(FanOutWritten.Instance), Sender, preferLocal: false);
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

    private void SayGoodbye(IConnectionOutput output)
    {
        output.TryWrite(_farewell!.Value.Bye);
        output.Finish(_farewell.Value.Reason);
    }

    /// <summary>The same bytes to each session; one that entered the room mid-batch (<paramref name="entered"/>) gets them from its entry on.</summary>
    private void Write(ImmutableArray<IActorRef> sessions, byte[] frames, ImmutableArray<EnteredAt> entered = default)
    {
        if (_farewell is not null)
            return;
        var offsets = entered.IsDefaultOrEmpty ? null : entered.ToDictionary(e => e.Session, e => e.Offset, SessionRefComparer.Instance);
        var memory = frames.AsMemory();
        foreach (var session in sessions)
            if (_outputs.TryGetValue(session, out var output))
            {
                var from = offsets?.GetValueOrDefault(session) ?? 0;
                if (from < frames.Length)
                    output.Write(memory[from..]);
            }
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new DeliveryActor());
}
