using Akka.Actor;
using Chat.Protocol;
using Chat.Actors.Sessions;

namespace Chat.Actors.Users;

// Commands a session sends its user actor once logged in. Replies go to the sending session.
// Requests that need nothing but the user's own identity (join, leave, rooms, history,
// mark_read, away, back, whois) are forwarded as the protocol frames themselves.

/// <summary>
/// A command a session sends on its user's behalf. Like a forwarded protocol frame, it passes the
/// user's flood gate, which refuses it with a "rate_limited" that carries <see cref="Re"/>.
/// </summary>
public interface IUserRequest
{
    RequestId? Re { get; }
}

public sealed record ChangeNickname(string Nick, RequestId? Re) : IUserRequest;

public sealed record SayInRoom(string Room, string Text, RequestId? Re) : IUserRequest;

public sealed record SendDirectMessage(string To, string Text, RequestId? Re) : IUserRequest;

public sealed record ListRoomMembers(string Room, RequestId? Re) : IUserRequest;

/// <summary>
/// Attach a logged-in connection (sent to the RoomSupervisor, which routes it to the user actor).
/// The user actor answers the login (<paramref name="LoginRe"/>, with the new resume token) on the
/// connection's output itself, before anything else reaches that output: the user's rooms write
/// to it directly from then on.
/// </summary>
public sealed record AttachConnection(string Username, string Nickname, IActorRef Session, IConnectionOutput Output, RequestId? LoginRe = null)
{
    public string? ResumeToken { get; init; }

    // The token logs in without a password: it does not belong in a log (dead letters are logged).
    public override string ToString() => $"AttachConnection {{ Username = {Username}, Session = {Session}, LoginRe = {LoginRe} }}";
}

public sealed record DetachConnection(IActorRef Session);

/// <summary>The user actor's answer to AttachConnection, after it answered the login: the session talks to it from now on.</summary>
public sealed record ConnectionAttached(IActorRef User, string Username, string Nickname);

/// <summary>
/// Hand a stored DM to the recipient's connections, if the recipient is online, then send
/// <see cref="Ack"/> (with the recipient's away reason, if any) to <see cref="ReplyTo"/>.
/// Sent to the RoomSupervisor, which answers for offline recipients.
/// </summary>
public sealed record DeliverDirect(string To, long Id, EncodedFrame Frame, Ok Ack, IActorRef ReplyTo);

/// <summary>Who is this user? Answered by the user actor while online, from the store otherwise.</summary>
public sealed record WhoisQuery(string Username, RequestId? Re, IActorRef ReplyTo);

// Passivation handshake between a user actor and the RoomSupervisor: a user actor with no
// connections asks to be stopped; the supervisor holds new attaches for that user until it knows
// whether the actor really stopped or got a connection in the meantime.

public sealed record UserIdle(string Username);

public sealed record StopIfIdle
{
    public static readonly StopIfIdle Instance = new();
}

public sealed record UserStillActive(string Username);
