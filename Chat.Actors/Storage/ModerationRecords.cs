using System.Collections.Immutable;

namespace Chat.Actors.Storage;

/// <summary>The moderation actions of a room, as the protocol, the store and the audit table spell them.</summary>
public static class ModerationActions
{
    public const string Kick = "kick";
    public const string Ban = "ban";
    public const string Unban = "unban";
    public const string Mute = "mute";
    public const string Unmute = "unmute";
    public const string Topic = "topic";
    public const string Invite = "invite";
    public const string Mode = "mode";
    public const string Op = "op";
    public const string Deop = "deop";
    /// <summary>Not asked for: the first member of a new room becomes its owner, and the audit table says so.</summary>
    public const string Own = "own";
    /// <summary>Not a moderator's: the admin command deleted the room (the notice's "by" is empty).</summary>
    public const string Deleted = "deleted";
}

/// <summary>A member's standing in one room, above an ordinary member. Host operators stand above every room.</summary>
public static class RoomRoles
{
    public const string Owner = "owner";
    public const string Operator = "operator";
}

/// <summary>
/// One moderation action as decided: stored (it changes the room's moderation tables) and kept
/// as a row of the audit table, which is this record: who (<see cref="By"/>), what
/// (<see cref="Action"/>), whom (<see cref="Target"/>), when (<see cref="At"/>) and why
/// (<see cref="Reason"/>). <see cref="Until"/> ends a ban or mute (null: until lifted).
/// </summary>
public sealed record ModerationChange(string Room, string Action, string By, DateTime At)
{
    public string? Target { get; init; }
    public string? Reason { get; init; }
    public DateTime? Until { get; init; }
    /// <summary>For "topic": the new topic ("" clears it).</summary>
    public string? Topic { get; init; }
    /// <summary>For "mode": the flags it sets; null leaves a flag as it was.</summary>
    public bool? InviteOnly { get; init; }
    public bool? Private { get; init; }
}

/// <summary>A ban or mute: until when (null: until lifted), and why.</summary>
public sealed record Restriction(DateTime? Until, string? Reason)
{
    public bool ActiveAt(DateTime now) => Until is not { } until || until > now;
}

/// <summary>A member's role in a room, as stored.</summary>
public sealed record RoomRoleRow(string Username, string Role);

/// <summary>A ban or mute of a user in a room, as stored.</summary>
public sealed record RestrictionRow(string Username, Restriction Restriction);

/// <summary>
/// A room's moderation as the store keeps it: plain rows, which may cross nodes (the room
/// builds its lookups from them, <see cref="Rooms.RoomModeration.From"/>).
/// </summary>
public sealed record StoredRoomModeration(
    ImmutableArray<RoomRoleRow> Roles,
    ImmutableArray<RestrictionRow> Bans,
    ImmutableArray<RestrictionRow> Mutes,
    ImmutableArray<string> Invited,
    string Topic,
    bool InviteOnly,
    bool Private)
{
    /// <summary>Who set the topic and when, from the audit table's newest "topic" row (absent: never set).</summary>
    public string? TopicBy { get; init; }
    public DateTime? TopicAt { get; init; }
}
