using System.Text.Json.Serialization;

namespace Chat.Protocol;

/// <summary>A frame the host sends: a reply to a request (carrying "re") or an event.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Welcome), "welcome")]
[JsonDerivedType(typeof(Ok), "ok")]
[JsonDerivedType(typeof(ErrorReply), "error")]
[JsonDerivedType(typeof(Roster), "roster")]
[JsonDerivedType(typeof(Pong), "pong")]
[JsonDerivedType(typeof(ChatMessage), "message")]
[JsonDerivedType(typeof(DirectMessage), "direct")]
[JsonDerivedType(typeof(Joined), "joined")]
[JsonDerivedType(typeof(Left), "left")]
[JsonDerivedType(typeof(NickChanged), "nick_changed")]
[JsonDerivedType(typeof(PingProbe), "ping")]
[JsonDerivedType(typeof(Bye), "bye")]
[JsonDerivedType(typeof(RoomList), "room_list")]
[JsonDerivedType(typeof(HistoryPage), "history")]
[JsonDerivedType(typeof(Unread), "unread")]
[JsonDerivedType(typeof(ReadMark), "read")]
[JsonDerivedType(typeof(Presence), "presence")]
[JsonDerivedType(typeof(WhoisInfo), "whois")]
[JsonDerivedType(typeof(ModerationNotice), "moderation")]
[JsonDerivedType(typeof(IgnoreList), "ignored")]
[JsonDerivedType(typeof(SearchResults), "found")]
[JsonDerivedType(typeof(RoleChanged), "role")]
public abstract record ServerFrame;

/// <summary>A reply to one request; "re" is the request's "id" when it had one.</summary>
public abstract record Reply : ServerFrame
{
    public RequestId? Re { get; init; }
}

public sealed record Welcome(int Protocol, string Server, string Motd) : Reply
{
    /// <summary>The most characters a message text may have, so a client can say so before sending; absent from older hosts.</summary>
    public int? MaxTextChars { get; init; }

    /// <summary>The longest line (one frame, in UTF-8 bytes) the host reads, so a client can say so before sending; absent from older hosts.</summary>
    public int? MaxLineBytes { get; init; }

    /// <summary>
    /// The Unix user this connection comes from, when the host lets it log in to the account of
    /// that name without a password (<see cref="PeerLogin"/>): only over the host's Unix socket,
    /// with chat.unix-socket.peer-login on. Absent otherwise.
    /// </summary>
    public string? PeerLogin { get; init; }
}

/// <summary>Success. Fields that a request has something to say about are filled in.</summary>
public sealed record Ok : Reply
{
    public string? User { get; init; }
    public string? Nick { get; init; }
    /// <summary>For "say": the sequence number the room gave the message.</summary>
    public long? Seq { get; init; }
    /// <summary>For "dm": the stored direct message's id.</summary>
    public long? Dm { get; init; }
    /// <summary>For "dm": the recipient's away reason, when they are away.</summary>
    public string? Away { get; init; }
    /// <summary>For "join" and "leave": the room's name as the host spells it.</summary>
    public string? Room { get; init; }
    /// <summary>For "login" and "resume": a token that logs in again without the password.</summary>
    public string? Resume { get; init; }

    // Records print every member; a resume token is as secret as a password. A new field must be added here too.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Re = ").Append(Re).Append(", User = ").Append(User).Append(", Nick = ").Append(Nick)
            .Append(", Seq = ").Append(Seq).Append(", Dm = ").Append(Dm).Append(", Away = ").Append(Away).Append(", Room = ").Append(Room)
            .Append(", Resume = ").Append(Resume is null ? "" : "***");
        return true;
    }
}

public sealed record ErrorReply(string Code, string Message) : Reply
{
    /// <summary>For "rate_limited": how long to wait before sending again.</summary>
    public long? RetryAfterMs { get; init; }
}

public sealed record Roster(string Room, IReadOnlyList<Member> Users) : Reply
{
    /// <summary>True when the room has more members than one frame may carry; absent otherwise.</summary>
    public bool? More { get; init; }

    /// <summary>The room's topic, with who set it (username) and when (UTC) when known; absent when it has none.</summary>
    public string? Topic { get; init; }
    public string? TopicBy { get; init; }
    public DateTime? TopicAt { get; init; }
}

public sealed record Member(string User, string Nick)
{
    /// <summary>"owner" or "operator" of the room (a host operator is an operator everywhere); absent for other members.</summary>
    public string? Role { get; init; }

    /// <summary>The away reason ("" when none was given); absent while the user is not away.</summary>
    public string? Away { get; init; }
}

public sealed record Pong : Reply;

/// <summary>A message said in a room, with the room's sequence number and the commit time (UTC).</summary>
public sealed record ChatMessage(string Room, string User, string Nick, string Text, long Seq, DateTime Ts) : ServerFrame
{
    /// <summary>True when sent as a notice (IRC's NOTICE: a line no client answers automatically); absent for an ordinary message.</summary>
    public bool? Notice { get; init; }
}

/// <summary>A direct message; both the recipient's and the sender's connections receive it.</summary>
public sealed record DirectMessage(string From, string Nick, string To, string Text, long Id, DateTime Ts) : ServerFrame
{
    /// <summary>True when sent as a notice (IRC's NOTICE: a line no client answers automatically); absent for an ordinary message.</summary>
    public bool? Notice { get; init; }
}

/// <summary>
/// Joins, leaves and nickname changes a room keeps in its history: numbered in the room's
/// sequence with its messages, with the time they happened. Absent when the room keeps no line
/// for the event (a member back within the grace, a room that was deleted).
/// </summary>
public abstract record RoomHistoryEvent : ServerFrame
{
    public long? Seq { get; init; }

    public DateTime? Ts { get; init; }
}

public sealed record Joined(string Room, string User, string Nick) : RoomHistoryEvent
{
    /// <summary>"owner" or "operator" of the room (a host operator is an operator everywhere); absent for other members.</summary>
    public string? Role { get; init; }
}

/// <summary>
/// A member's role in a room changed: made or unmade an operator (op, deop), or made or unmade a
/// host operator by the admin command. <see cref="Role"/> is the role now ("owner", "operator";
/// absent: none), as <see cref="Member.Role"/> and <see cref="Joined.Role"/> give it.
/// </summary>
public sealed record RoleChanged(string Room, string User) : ServerFrame
{
    public string? Role { get; init; }
}

public sealed record Left(string Room, string User, string Nick) : RoomHistoryEvent;

/// <summary>
/// Someone sharing a room changed their nickname; each room of theirs says so, with its
/// <see cref="Room"/> (absent from older hosts) and the line's number in that room.
/// </summary>
public sealed record NickChanged(string User, string Old, string Nick) : RoomHistoryEvent
{
    public string? Room { get; init; }
}

/// <summary>The host asks an idle link whether anyone is there; the client answers with "pong".</summary>
public sealed record PingProbe : ServerFrame;

/// <summary>The last frame on a connection the host is closing: why (a stable code) and what to do.</summary>
public sealed record Bye(string Code, string Message) : ServerFrame;
public sealed record RoomList(IReadOnlyList<RoomInfo> Rooms) : Reply
{
    /// <summary>True when more rooms exist than one frame may carry (the busiest come first); absent otherwise.</summary>
    public bool? More { get; init; }
}

public sealed record RoomInfo(string Room, int Members);

/// <summary>
/// Messages of one conversation, oldest first: <c>message</c> frames for a room (with the room's
/// <c>joined</c>, <c>left</c> and <c>nick_changed</c> lines among them, by seq), <c>direct</c>
/// frames for the DMs with a user. <see cref="Complete"/> says nothing older exists. Sent as the
/// reply to a history request, and unasked when a connection enters a room.
/// </summary>
public sealed record HistoryPage(IReadOnlyList<ServerFrame> Messages, bool Complete) : Reply
{
    public string? Room { get; init; }
    public string? With { get; init; }

    /// <summary>
    /// For a page asked <c>after</c> or <c>around</c> a line: true when nothing newer exists (the
    /// page reaches the live end), false when more follows. Absent on the usual pages, which end at
    /// the newest line or just before what the client holds.
    /// </summary>
    public bool? Latest { get; init; }
}

/// <summary>
/// The reply to a search: the newest messages with every word, oldest first (<c>message</c>
/// frames for a room, <c>direct</c> frames for DMs); <see cref="More"/> when older ones were left out.
/// </summary>
public sealed record SearchResults(IReadOnlyList<ServerFrame> Messages) : Reply
{
    public string? Room { get; init; }
    public string? With { get; init; }
    public bool? More { get; init; }
}

/// <summary>
/// Sent after login: the conversations with messages the user has not read, and the user's
/// conversation list as the host keeps it (<see cref="Open"/>), so it comes back in its order.
/// </summary>
public sealed record Unread(IReadOnlyList<UnreadConversation> Conversations) : ServerFrame
{
    /// <summary>True when more conversations have unread messages, or are open, than one frame may carry; absent otherwise.</summary>
    public bool? More { get; init; }

    /// <summary>Every open conversation, read or not, in the list's order: the lobby, the other rooms in the order joined, then DMs in the order they opened. Absent from older hosts.</summary>
    public IReadOnlyList<OpenConversation>? Open { get; init; }
}

/// <summary>One conversation of the user's list: a room or the DMs with a user.</summary>
public sealed record OpenConversation
{
    public string? Room { get; init; }
    public string? With { get; init; }
}

public sealed record UnreadConversation(int Count)
{
    public string? Room { get; init; }
    public string? With { get; init; }
}

/// <summary>The user read a conversation up to a point (on any of their terminals).</summary>
public sealed record ReadMark(long Upto) : ServerFrame
{
    public string? Room { get; init; }
    public string? With { get; init; }
}

/// <summary>Someone sharing a room went away (<see cref="Away"/> is the reason) or came back (no <see cref="Away"/>).</summary>
public sealed record Presence(string User, string Nick) : ServerFrame
{
    public string? Away { get; init; }
}

/// <summary>
/// Who a user is: online, and away with a reason; <see cref="Since"/> is when they came online
/// or went away, or, while offline, when they were last seen (absent if never).
/// </summary>
public sealed record WhoisInfo(string User, string Nick, bool Online) : Reply
{
    public string? Away { get; init; }
    public DateTime? Since { get; init; }
}

/// <summary>
/// A moderator did something in a room (kick, ban, unban, mute, unmute, topic, invite, mode, op,
/// deop, own): every member hears it, the one it concerns too, before a kicked or banned member
/// is removed (then "left" follows). <see cref="By"/> is the moderator's username.
/// </summary>
public sealed record ModerationNotice(string Room, string By, string Action) : ServerFrame
{
    public string? User { get; init; }
    public string? Reason { get; init; }
    /// <summary>When a ban or mute ends (UTC); absent: until lifted.</summary>
    public DateTime? Until { get; init; }
    public string? Topic { get; init; }
    public bool? InviteOnly { get; init; }
    public bool? Private { get; init; }
}

/// <summary>The users whose room lines and DMs the client hides from this user: sent at login and to every terminal when it changes.</summary>
public sealed record IgnoreList(IReadOnlyList<string> Users) : ServerFrame;
