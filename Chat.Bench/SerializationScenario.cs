using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Actors.Serialization;
using Chat.Protocol;

namespace Chat.Bench;

/// <summary>
/// What the chosen serializer (Akka's default, Newtonsoft JSON, with the chat's settings) costs
/// for the messages that would cross nodes on a room message's path: the post, the "ok", and a
/// fan-out's one Deliver per node (with every member session there, and a batch of frames).
/// Serialise and read back, in process; no network.
/// </summary>
internal static class SerializationScenario
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 100_000;
        using var system = ActorSystem.Create("bench", ChatSerialization.Hocon);
        var serialization = system.Serialization;
        var sender = system.ActorOf(Props.Empty, "sender");
        var sessions = Enumerable.Range(0, 2000).Select(i => system.ActorOf(Props.Empty, $"session-{i}")).ToImmutableArray();
        var delivery = system.ActorOf(Props.Empty, "delivery");
        var message = new ChatMessage("lobby", "alice", "alice", new string('x', 100), 12345, DateTime.UtcNow);
        var frames = Enumerable.Range(0, 100).SelectMany(_ => FrameCodec.Server.Encode(message)).ToArray();

        Console.WriteLine($"serializer: {serialization.FindSerializerFor(new LeaveRoom("x")).GetType().Name}; per message, serialised and read back");
        Measure(serialization, "PostMessage (100-char text)", new PostMessage("alice", "alice", new string('x', 100), RequestId.FromNumber(7), sender), count);
        Measure(serialization, "Ok (the ack with seq)", new Ok { Re = RequestId.FromNumber(7), Seq = 12345 }, count);
        Measure(serialization, "Deliver, 1 session, 1 frame", new Deliver([sessions[0]], FrameCodec.Server.Encode(message)), count);
        Measure(serialization, "JoinRoom (1 connection)", new JoinRoom("alice", "alice", null, sender, [new ClientConnection(sessions[0], delivery)]), count);
        Measure(serialization, "Deliver, 2,000 sessions, 100 frames", new Deliver(sessions, frames), Math.Max(1, count / 200));
        // What a room sends a node since its audience is held there: the room's name and the bytes.
        Measure(serialization, "DeliverFanOut, 100 frames", new DeliverFanOut("lobby", frames), Math.Max(1, count / 200));
        Measure(serialization, "RoomAudience, 2,000 sessions (once per membership change)", new RoomAudience("lobby", sessions), Math.Max(1, count / 200));
        return 0;
    }

    private static void Measure(Akka.Serialization.Serialization serialization, string what, object value, int count)
    {
        var serializer = serialization.FindSerializerFor(value);
        var bytes = serializer.ToBinary(value);
        for (var i = 0; i < Math.Min(count, 1000); i++)
            serializer.FromBinary(serializer.ToBinary(value), value.GetType());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
            serializer.FromBinary(serializer.ToBinary(value), value.GetType());
        var micros = clock.Elapsed.TotalMicroseconds / count;
        Console.WriteLine($"  {what,-40} {bytes.Length,9:N0} bytes  {micros,10:N1} µs  ({count:N0} round trips)");
    }
}
