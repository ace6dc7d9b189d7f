using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Directories;
using Chat.Protocol;

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

public sealed record SayInRoom(string Room, string Text, RequestId? Re) : IUserRequest
{
    public bool Notice { get; init; }
}

public sealed record SendDirectMessage(string To, string Text, RequestId? Re) : IUserRequest
{
    public bool Notice { get; init; }
}

public sealed record ListRoomMembers(string Room, RequestId? Re) : IUserRequest;

/// <summary>Ignore (or stop ignoring) another user: kept in the store, sent to every terminal of the user.</summary>
public sealed record ChangeIgnore(string User, bool Ignore, RequestId? Re) : IUserRequest;

/// <summary>
/// Attach a logged-in connection (sent through the user directory to the user actor). The user
/// actor answers the login (<paramref name="LoginRe"/>, with the new resume token) on the
/// connection itself, before anything else is sent to it: the user's rooms send to it from then on.
/// </summary>
public sealed record AttachConnection(string Username, string Nickname, ClientConnection Connection, RequestId? LoginRe = null)
{
    public string? ResumeToken { get; init; }

    /// <summary>The account is a host operator: it rules every room.</summary>
    public bool HostOperator { get; init; }

    /// <summary>Logged in by a resume token: a client back after its link dropped (or the host restarted).</summary>
    public bool Resumed { get; init; }

    // The token logs in without a password: it does not belong in a log (dead letters are logged).
    public override string ToString() => $"AttachConnection {{ Username = {Username}, Session = {Connection.Session}, LoginRe = {LoginRe} }}";
}

/// <summary>A terminal logged out, or (<paramref name="Closed"/>) its connection closed: then it hears nothing more.</summary>
public sealed record DetachConnection(IActorRef Session, bool Closed = false);

/// <summary>
/// The account's resume tokens were revoked (a password change, "logout_all"): every terminal of
/// the user but <paramref name="Keep"/>, the one that asked, is told <paramref name="Bye"/>.
/// </summary>
public sealed record EndOtherTerminals(IActorRef Keep, Sessions.CloseWithBye Bye);

/// <summary>
/// The admin command changed the account: made or unmade it a host operator
/// (<paramref name="HostOperator"/>; null: unchanged), or disabled or banned it (every terminal is
/// told <paramref name="End"/> and closes).
/// </summary>
public sealed record AccountStandingChanged(bool? HostOperator, Sessions.CloseWithBye? End);

/// <summary>The user actor's answer to AttachConnection, after it answered the login: the session talks to it from now on.</summary>
public sealed record ConnectionAttached(IActorRef User, string Username, string Nickname);

/// <summary>
/// Show a stored DM on the recipient's connections, if the recipient is online, then send
/// <see cref="Ack"/> (with the recipient's away reason, if any) to <see cref="ReplyTo"/>.
/// </summary>
public sealed record DeliverDirect(long Id, DirectMessage Frame, Ok Ack, IActorRef ReplyTo);

/// <summary>Who is this user? Answered by the user actor: from its state while online, from the store otherwise.</summary>
public sealed record WhoisQuery(RequestId? Re, IActorRef ReplyTo);

/// <summary>The stop message of a user actor's passivation: it stops unless a connection attached in the meantime.</summary>
public sealed record StopIfIdle
{
    public static readonly StopIfIdle Instance = new();
}

/// <summary>
/// The stop message of a user actor's shard hand-off (its node leaves): the actor stops once the
/// store calls it piped to itself have come back (a delivery mark, the last-seen time, an
/// arrival's load), as passivation waits for them, instead of at once (a PoisonPill), when their
/// answers reached nobody. The requests it holds or is sent meanwhile are refused "unavailable"
/// (<see cref="UserRequestsInFlight"/>), never dropped unanswered. Messages for the user through
/// the shard region wait there for its next incarnation; its sessions, on whichever node, see it
/// stop and close, and their clients resume.
/// </summary>
public sealed record HandOffUser
{
    public static readonly HandOffUser Instance = new();
}

/// <summary>A message for the user <paramref name="Username"/> (normalised), through the user directory.</summary>
public sealed record UserEnvelope(string Username, object Message) : IEntityEnvelope
{
    public string EntityId => Username;
}
