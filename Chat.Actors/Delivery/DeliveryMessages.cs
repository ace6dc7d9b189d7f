using System.Collections.Immutable;
using Akka.Actor;

namespace Chat.Actors.Delivery;

/// <summary>
/// Where one client connection's frames go: its session (which names it, and which rooms and
/// user actors watch) and the delivery actor of the node that holds its socket. Plain data: it
/// may be sent anywhere, the socket never is.
/// </summary>
public sealed record ClientConnection(IActorRef Session, IActorRef Delivery);

/// <summary>
/// Hand a new connection's output to this node's delivery actor, before its session hears any
/// frame. Node-local by nature: the output is the socket's queue, which never leaves the node
/// that accepted it. So this message is exempt from serialisation checks
/// (<see cref="INoSerializationVerificationNeeded"/>), and must never be sent to another node.
/// </summary>
public sealed record OpenConnection(IActorRef Session, IConnectionOutput Output) : INoSerializationVerificationNeeded;

/// <summary>
/// Write these frames, already encoded once (one or more complete lines of UTF-8 JSON, never
/// changed after they are sent), to each of these sessions' connections on the receiving node.
/// A room's fan-out is one of these per node, however many members the node holds.
/// </summary>
public sealed record Deliver(ImmutableArray<IActorRef> Sessions, byte[] Frames);

/// <summary>
/// A room's member sessions on the receiving node, replacing what the node's delivery actor held
/// for the room (empty: forget the room). Sent by the room when its members or their connections
/// there change, before the next <see cref="DeliverFanOut"/>, so that carries the room's name and
/// the bytes only: in a cluster the session list crosses nodes once per send after a membership
/// change, not once per message.
/// </summary>
public sealed record RoomAudience(string Room, ImmutableArray<IActorRef> Sessions);

/// <summary>
/// Write these frames (encoded once) to the room's audience on this node: a room's messages and
/// announcements (joined, left, renamed, ...), in the order the room decided them. The delivery
/// actor answers the sender <see cref="FanOutReceived"/> on arrival and writes the batch a slice
/// of members at a time (<see cref="FanOutRound"/>), with whatever else the room sends meanwhile.
/// A room keeps one fan-out in flight per node and gathers what it decides meanwhile into the
/// next: as small as one frame when the node keeps up, larger as it falls behind.
/// </summary>
public sealed record DeliverFanOut(string Room, byte[] Frames)
{
    /// <summary>Sessions of the audience that entered the room while the batch was gathered: each is written the frames from its byte on.</summary>
    public ImmutableArray<EnteredAt> Entered { get; init; } = [];
}

/// <summary>
/// A session that entered a room (and was sent its page) after a fan-out's first frames were
/// decided: those are before its page's end, or about others before it came, so it is written
/// the batch from <paramref name="Offset"/> (a byte at a frame's start) on.
/// </summary>
public sealed record EnteredAt(IActorRef Session, int Offset);

/// <summary>A <see cref="DeliverFanOut"/> reached the node's delivery actor, which will write it: the room may send the next.</summary>
public sealed record FanOutReceived
{
    public static readonly FanOutReceived Instance = new();
}

/// <summary>
/// Like <see cref="Deliver"/>, for direct messages that wait in the store until shown: the
/// delivery actor answers the sender <see cref="DirectMessagesWritten"/> once at least one of the
/// connections took the frames, so a DM is marked delivered only when it was written.
/// </summary>
public sealed record DeliverDirectMessages(ImmutableArray<IActorRef> Sessions, byte[] Frames, long UpToId);

/// <summary>Direct messages up to this id were taken by a connection of the user: they are delivered.</summary>
public sealed record DirectMessagesWritten(long UpToId);

/// <summary>
/// The host stops: every connection of the node is told <c>bye</c> with this code and reason and
/// closed once it is written, and nothing more is written to any of them, nor to one that opens
/// after. In one message to the one writer, so no frame caused by one client hanging up at the
/// farewell (its "left") can reach another before that one's own farewell.
/// </summary>
public sealed record SayGoodbyeToAll(string Code, string Reason);

/// <summary>Close the session's connection, logging why; <paramref name="AfterQueued"/>: once what is queued (a farewell) is written.</summary>
public sealed record CloseConnection(IActorRef Session, string Reason, bool AfterQueued);
