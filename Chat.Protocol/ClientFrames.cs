using System.Text;
using System.Text.Json.Serialization;

namespace Chat.Protocol;

/// <summary>
/// A frame a client sends. The discriminator table below is the single list of request types:
/// the codec reads it to tell "unknown_type" from "bad_frame".
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Hello), "hello")]
[JsonDerivedType(typeof(Register), "register")]
[JsonDerivedType(typeof(Login), "login")]
[JsonDerivedType(typeof(Logout), "logout")]
[JsonDerivedType(typeof(ChangeNick), "nick")]
[JsonDerivedType(typeof(Say), "say")]
[JsonDerivedType(typeof(SendDirect), "dm")]
[JsonDerivedType(typeof(Who), "who")]
[JsonDerivedType(typeof(Ping), "ping")]
[JsonDerivedType(typeof(Resume), "resume")]
[JsonDerivedType(typeof(PeerLogin), "peer_login")]
[JsonDerivedType(typeof(PingAnswer), "pong")]
[JsonDerivedType(typeof(Join), "join")]
[JsonDerivedType(typeof(Leave), "leave")]
[JsonDerivedType(typeof(ListRooms), "rooms")]
[JsonDerivedType(typeof(HistoryRequest), "history")]
[JsonDerivedType(typeof(MarkRead), "mark_read")]
[JsonDerivedType(typeof(SetAway), "away")]
[JsonDerivedType(typeof(Back), "back")]
[JsonDerivedType(typeof(Whois), "whois")]
[JsonDerivedType(typeof(ChangePasswordRequest), "password")]
[JsonDerivedType(typeof(LogoutAll), "logout_all")]
[JsonDerivedType(typeof(Kick), "kick")]
[JsonDerivedType(typeof(Ban), "ban")]
[JsonDerivedType(typeof(Unban), "unban")]
[JsonDerivedType(typeof(Mute), "mute")]
[JsonDerivedType(typeof(Unmute), "unmute")]
[JsonDerivedType(typeof(SetTopic), "topic")]
[JsonDerivedType(typeof(Invite), "invite")]
[JsonDerivedType(typeof(SetMode), "mode")]
[JsonDerivedType(typeof(GrantOperator), "op")]
[JsonDerivedType(typeof(RevokeOperator), "deop")]
[JsonDerivedType(typeof(Ignore), "ignore")]
[JsonDerivedType(typeof(Unignore), "unignore")]
[JsonDerivedType(typeof(CloseConversation), "close")]
[JsonDerivedType(typeof(SearchRequest), "search")]
public abstract record ClientFrame
{
    /// <summary>Optional; the reply carries it back as "re".</summary>
    public RequestId? Id { get; init; }
}

/// <summary>The first frame of every connection: which protocol version the client speaks.</summary>
public sealed record Hello(int Protocol, string? Client = null) : ClientFrame;

public sealed record Register(string User, string Password) : ClientFrame
{
    // Records print every member; a password must never reach a log.
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("User = ").Append(User).Append(", Password = ***");
        return true;
    }
}

public sealed record Login(string User, string Password) : ClientFrame
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("User = ").Append(User).Append(", Password = ***");
        return true;
    }
}

public sealed record Logout : ClientFrame;

/// <summary>Revokes every resume token of the account and closes its other connections; this one stays logged in.</summary>
public sealed record LogoutAll : ClientFrame;

/// <summary>Changes the logged-in user's password; every resume token of the account stops working and its other connections close.</summary>
public sealed record ChangePasswordRequest(string Old, string New) : ClientFrame
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Old = ***, New = ***");
        return true;
    }
}

public sealed record ChangeNick(string Nick) : ClientFrame;

public sealed record Say(string Room, string Text) : ClientFrame
{
    /// <summary>True for a notice (IRC's NOTICE: a line no client answers automatically); absent for an ordinary message.</summary>
    public bool? Notice { get; init; }
}

public sealed record SendDirect(string To, string Text) : ClientFrame
{
    /// <summary>True for a notice (IRC's NOTICE: a line no client answers automatically); absent for an ordinary message.</summary>
    public bool? Notice { get; init; }
}

/// <summary>Who is in a room; the lobby when no room is named.</summary>
public sealed record Who(string Room = RoomNames.Lobby) : ClientFrame;

public sealed record Ping : ClientFrame;

/// <summary>Logs in with the resume token of an earlier login instead of the password.</summary>
public sealed record Resume(string Token) : ClientFrame
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Token = ***");
        return true;
    }
}

/// <summary>
/// Over the host's Unix socket, when its welcome offered it (<see cref="Welcome.PeerLogin"/>): logs
/// in to the account named like the connecting Unix user, without a password, as PostgreSQL's
/// "peer" authentication does. The kernel, not the client, says who that is.
/// </summary>
public sealed record PeerLogin : ClientFrame;

/// <summary>The client's answer to the host's idle-link probe (a "ping" from the host).</summary>
public sealed record PingAnswer : ClientFrame;
/// <summary>Join a room, creating it if it is new. A leading '#' is allowed and dropped.</summary>
public sealed record Join(string Room) : ClientFrame;

public sealed record Leave(string Room) : ClientFrame;

public sealed record ListRooms : ClientFrame;

/// <summary>
/// A page of a conversation's history: a room's (<see cref="Room"/>) or the DMs with a user
/// (<see cref="With"/>), the newest messages before <see cref="Before"/> (a seq or a DM id), or
/// the oldest after <see cref="After"/> (paging down from the middle of history), or those around
/// <see cref="Around"/> with that line among them (a search hit in context). At most one of the three.
/// </summary>
public sealed record HistoryRequest(string? Room = null, string? With = null, long? Before = null, int? Limit = null, long? After = null, long? Around = null) : ClientFrame;

/// <summary>Everything in the conversation up to <see cref="Upto"/> (a seq or a DM id) has been read.</summary>
public sealed record MarkRead(long Upto, string? Room = null, string? With = null) : ClientFrame;

/// <summary>Messages of a room (<see cref="Room"/>) or of the DMs with a user (<see cref="With"/>) that have every word of <see cref="Text"/>.</summary>
public sealed record SearchRequest(string Text, string? Room = null, string? With = null, int? Limit = null) : ClientFrame;

/// <summary>Takes the DM conversation with a user off the user's kept list (its messages stay); the next DM between them opens it again.</summary>
public sealed record CloseConversation(string With) : ClientFrame;

public sealed record SetAway(string? Reason = null) : ClientFrame;

public sealed record Back : ClientFrame;

public sealed record Whois(string User) : ClientFrame;

// Moderation of a room. The host checks that the sender may (a room's owner or operators, or a
// host operator); each is announced in the room ("moderation") and kept in the audit table.

/// <summary>Moderation requests name a room; the host answers "ok" or "error" (not_permitted, ...).</summary>
public abstract record RoomModerationFrame(string Room) : ClientFrame;

/// <summary>Removes the user from the room; they may join again.</summary>
public sealed record Kick(string Room, string User, string? Reason = null) : RoomModerationFrame(Room);

/// <summary>Removes the user from the room and keeps them out, for <see cref="Seconds"/> or until unbanned.</summary>
public sealed record Ban(string Room, string User, long? Seconds = null, string? Reason = null) : RoomModerationFrame(Room);

public sealed record Unban(string Room, string User) : RoomModerationFrame(Room);

/// <summary>The user's lines in the room are refused ("muted"), for <see cref="Seconds"/> or until unmuted.</summary>
public sealed record Mute(string Room, string User, long? Seconds = null, string? Reason = null) : RoomModerationFrame(Room);

public sealed record Unmute(string Room, string User) : RoomModerationFrame(Room);

/// <summary>Sets the room's topic ("" clears it).</summary>
public sealed record SetTopic(string Room, string Topic) : RoomModerationFrame(Room);

/// <summary>Lets the user into an invite-only room.</summary>
public sealed record Invite(string Room, string User) : RoomModerationFrame(Room);

/// <summary>Makes the room invite-only or private (not listed by "rooms" to non-members), or not; an absent flag stays as it is.</summary>
public sealed record SetMode(string Room, bool? InviteOnly = null, bool? Private = null) : RoomModerationFrame(Room);

/// <summary>The room's owner makes a member an operator.</summary>
public sealed record GrantOperator(string Room, string User) : RoomModerationFrame(Room);

public sealed record RevokeOperator(string Room, string User) : RoomModerationFrame(Room);

/// <summary>Hide this user's room lines and DMs from me, on every terminal and across logins (the client filters, from the list the host sends: "ignored").</summary>
public sealed record Ignore(string User) : ClientFrame;

public sealed record Unignore(string User) : ClientFrame;

public static class RoomNames
{
    public const string Lobby = "lobby";
}
