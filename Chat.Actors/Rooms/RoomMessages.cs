using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Chat.Actors.Delivery;
using Chat.Protocol;

namespace Chat.Actors.Rooms;

// Commands to a room actor, sent by user actors on behalf of their user, through the room
// directory (RoomEnvelope).

/// <summary>
/// Make the user a member. The room answers the join request (<paramref name="Re"/>) on the
/// connection that asked (<paramref name="Requester"/>), sends the latest page of history to the
/// user's connections, tells the user actor <see cref="RoomEntered"/>, then announces the join:
/// the client reads the "ok" first, then what the room sends.
/// </summary>
public sealed record JoinRoom(string Username, string Nickname, string? Away, IActorRef User, ImmutableArray<ClientConnection> Connections, RequestId? Re = null, ClientConnection? Requester = null)
{
    /// <summary>A host operator enters even a room that bans them or is invite-only.</summary>
    public bool HostOperator { get; init; }

    /// <summary>
    /// The user was in the room and left it only by losing their connections: they log in by a
    /// resume (a reconnect, a host restart) or enter the room's next incarnation. Not a join the
    /// room's history keeps, unless it kept their leave.
    /// </summary>
    public bool Returning { get; init; }

    /// <summary>
    /// Entering the room's next incarnation (it moved): the others never saw the user leave, and
    /// after a move every member returns, so a "joined" for each would only be noise.
    /// </summary>
    public bool Moved { get; init; }
}

/// <summary>The user leaves; everyone, the leaver included, hears about it.</summary>
public sealed record LeaveRoom(string Username)
{
    /// <summary>The user's last connection closed (not a leave they asked for): history keeps it only if they are not back within the grace.</summary>
    public bool Disconnected { get; init; }
}

/// <summary>Say something in the room; the room answers <paramref name="ReplyTo"/> once it is committed.</summary>
public sealed record PostMessage(string Username, string Nickname, string Text, RequestId? Re, IActorRef ReplyTo)
{
    public bool Notice { get; init; }
}

public sealed record RenameMember(string Username, string Nickname);

/// <summary>The member went away (a reason, possibly "") or came back (null).</summary>
public sealed record SetPresence(string Username, string? Away);

/// <summary>The admin command made the member a host operator, or unmade them: their rank in the room changes at once.</summary>
public sealed record SetHostOperator(string Username, bool HostOperator);

/// <summary>
/// A member's connections changed (a terminal attached or closed; the user is still online).
/// A connection the room did not send to before gets the latest page of history first.
/// </summary>
public sealed record MemberConnections(string Username, ImmutableArray<ClientConnection> Connections);

/// <summary>
/// A moderator (a member or not: host operators rule rooms they are not in) asks something of
/// the room; the room answers <paramref name="ReplyTo"/> "ok" once it is stored and announced.
/// </summary>
public sealed record ModerateRoom(Moderator By, ModerationRequest Request, RequestId? Re, IActorRef ReplyTo);

/// <summary>The admin command deleted the room: every member is out (their memberships are gone from the store), and the room stops.</summary>
public sealed record CloseRoom
{
    public static readonly CloseRoom Instance = new();
}

// Queries.

/// <summary>
/// Who is in the room. With the <paramref name="Requester"/>'s connection the roster goes the way
/// the room's events go (to that node's delivery actor), so a join or leave said after the roster
/// was taken cannot reach the client ahead of it and be undone by it; else to <paramref name="ReplyTo"/>.
/// </summary>
public sealed record ListMembers(RequestId? Re, IActorRef ReplyTo, ClientConnection? Requester = null);

// Events.

/// <summary>
/// The room's answer to JoinRoom, to the user actor, once the request is answered and the page sent.
/// The user actor may have stopped by then (the user logged out, or lost their last connection,
/// while the room let them in: a client that has its page is in, as far as it knows): the room
/// watches the user actor it let in and so sees them leave at once, and nothing else is owed to
/// a stopped one. That answer is a dead letter the log does not show (<see cref="IDeadLetterSuppression"/>).
/// </summary>
public sealed record RoomEntered(string Room, IActorRef RoomActor) : IDeadLetterSuppression;

/// <summary>
/// The room's answer to JoinRoom, to the user actor, when it cannot let the user in now (its
/// history could not be read yet and too many requests wait for it), once the asking connection
/// was told so. The user is not a member. Like <see cref="RoomEntered"/>, it may find the user
/// actor stopped, and is then a dead letter the log does not show: the user is not in the room,
/// and a refusal for good is met again, and forgotten, at the next login.
/// </summary>
public sealed record RoomUnavailable(string Room) : IDeadLetterSuppression
{
    /// <summary>Refused for good (banned, or not invited): the user actor forgets the stored membership.</summary>
    public bool Refused { get; init; }
}

/// <summary>The member was kicked or banned (and their membership deleted with the change): the user actor drops the room.</summary>
public sealed record RemovedFromRoom(string Room);

/// <summary>The stop message of a room's passivation: a room with no member and nothing pending stops.</summary>
public sealed record StopIdleRoom
{
    public static readonly StopIdleRoom Instance = new();
}

/// <summary>
/// Sharding's hand-off stop message for rooms (their node leaves the cluster): the room stops
/// once what it accepted is committed and sent, so its next incarnation, elsewhere, reads a last
/// seq that no write of this one can still take.
/// </summary>
public sealed record HandOffRoom
{
    public static readonly HandOffRoom Instance = new();
}
