using System.Collections.Immutable;
using Chat.Actors.Accounts;
using Chat.Actors.Storage;
using Chat.Actors.Text;
using Chat.Actors.Users;
using Chat.Protocol;

namespace Chat.Actors.Rooms;

/// <summary>What a moderator asks of a room (a protocol request, its duration not yet turned into an end time).</summary>
public sealed record ModerationRequest(string Action)
{
    public string? Target { get; init; }
    public string? Reason { get; init; }
    public TimeSpan? Duration { get; init; }
    public string? Topic { get; init; }
    public bool? InviteOnly { get; init; }
    public bool? Private { get; init; }
}

/// <summary>Who asks: an account, and whether the admin command made it a host operator (who rules every room).</summary>
public sealed record Moderator(string Username, bool HostOperator);

/// <summary>
/// A room's moderation, free of actors: roles (owner, operator), bans and mutes with an optional
/// end, invitations, the topic and the invite-only and private flags. It decides whether a
/// moderator may do what they ask (the host checks every permission here, never the client),
/// whether a user may enter or speak, and applies what was stored. Rank: host operator over
/// owner over operator over member; nobody moderates an equal or a higher rank. The lobby is
/// everyone's: nobody is kicked or banned from it, and it cannot be closed.
/// </summary>
public sealed record RoomModeration
{
    public const int MaxReasonLength = 200;
    public const int MaxTopicLength = 300;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    public static readonly RoomModeration None = new();

    public ImmutableDictionary<string, string> Roles { get; init; } = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);
    public ImmutableDictionary<string, Restriction> Bans { get; init; } = ImmutableDictionary.Create<string, Restriction>(StringComparer.Ordinal);
    public ImmutableDictionary<string, Restriction> Mutes { get; init; } = ImmutableDictionary.Create<string, Restriction>(StringComparer.Ordinal);
    public ImmutableHashSet<string> Invited { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
    public string Topic { get; init; } = "";
    /// <summary>Who set <see cref="Topic"/> and when (absent when the store does not know).</summary>
    public string? TopicBy { get; init; }
    public DateTime? TopicAt { get; init; }
    public bool InviteOnly { get; init; }
    public bool Private { get; init; }

    /// <summary>The room's moderation from the rows the store keeps.</summary>
    public static RoomModeration From(StoredRoomModeration stored) => new()
    {
        Roles = stored.Roles.ToImmutableDictionary(r => r.Username, r => r.Role, StringComparer.Ordinal),
        Bans = stored.Bans.ToImmutableDictionary(r => r.Username, r => r.Restriction, StringComparer.Ordinal),
        Mutes = stored.Mutes.ToImmutableDictionary(r => r.Username, r => r.Restriction, StringComparer.Ordinal),
        Invited = stored.Invited.ToImmutableHashSet(StringComparer.Ordinal),
        Topic = stored.Topic,
        TopicBy = stored.TopicBy,
        TopicAt = stored.TopicAt,
        InviteOnly = stored.InviteOnly,
        Private = stored.Private,
    };

    public string? RoleOf(string username) => Roles.GetValueOrDefault(username);

    private int Rank(string username, bool hostOperator) =>
        hostOperator ? 3 : RoleOf(username) switch { RoomRoles.Owner => 2, RoomRoles.Operator => 1, _ => 0 };

    public Restriction? BanOf(string username, DateTime now) =>
        Bans.TryGetValue(username, out var ban) && ban.ActiveAt(now) ? ban : null;

    public Restriction? MuteOf(string username, DateTime now) =>
        Mutes.TryGetValue(username, out var mute) && mute.ActiveAt(now) ? mute : null;

    /// <summary>Why the user may not enter the room now (banned, or not invited to an invite-only room); null: they may.</summary>
    public Refusal? RefuseEntry(string room, string username, bool hostOperator, DateTime now)
    {
        if (hostOperator)
            return null;
        if (BanOf(username, now) is { } ban)
            return new Refusal(ErrorCodes.Banned, $"you are banned from {room}{Ending(ban)}");
        if (InviteOnly && Rank(username, false) == 0 && !Invited.Contains(username))
            return new Refusal(ErrorCodes.InviteOnly, $"{room} is invite-only: ask one of its operators for an invite");
        return null;
    }

    /// <summary>Why the user may not speak in the room now (muted); null: they may.</summary>
    public Refusal? RefuseSpeech(string room, string username, DateTime now) =>
        MuteOf(username, now) is { } mute ? new Refusal(ErrorCodes.Muted, $"you are muted in {room}{Ending(mute)}") : null;

    private static string Ending(Restriction restriction) =>
        (restriction.Until is { } until ? $" until {until:yyyy-MM-dd HH:mm} UTC" : "")
        + (string.IsNullOrEmpty(restriction.Reason) ? "" : $": {restriction.Reason}");

    /// <summary>
    /// Whether <paramref name="by"/> may do what they ask, and if so the change to store and
    /// announce (its end time worked out from <paramref name="now"/>).
    /// <paramref name="isPresent"/> says whether a user is in the room now and, if so, whether
    /// they are a host operator.
    /// </summary>
    public (ModerationChange? Change, Refusal? Refused) Decide(string room, Moderator by, ModerationRequest request, Func<string, bool?> isPresent, DateTime now)
    {
        var rank = Rank(by.Username, by.HostOperator);
        var action = request.Action;
        if (rank == 0)
            return Refuse(ErrorCodes.NotPermitted, $"only {room}'s operators may use {action}");
        if (action is ModerationActions.Op or ModerationActions.Deop && rank < 2)
            return Refuse(ErrorCodes.NotPermitted, $"only {room}'s owner may make or unmake operators");
        if (room == RoomNames.Lobby && action is ModerationActions.Kick or ModerationActions.Ban or ModerationActions.Invite or ModerationActions.Mode)
            return Refuse(ErrorCodes.BadRoom, "the lobby is everyone's: nobody is kicked or banned from it (an account can be banned host-wide with the admin command) and it cannot be closed");
        var change = new ModerationChange(room, action, by.Username, now);
        if (Cleaned(request.Reason, MaxReasonLength, "a reason") is { } badReason)
            return Refuse(ErrorCodes.BadText, badReason);
        change = change with { Reason = CleanedOrNull(request.Reason) };
        switch (action)
        {
            case ModerationActions.Topic:
                if (Cleaned(request.Topic ?? "", MaxTopicLength, "a topic") is { } badTopic)
                    return Refuse(ErrorCodes.BadText, badTopic);
                return (change with { Topic = (CleanedOrNull(request.Topic) ?? "").Trim() }, null);
            case ModerationActions.Mode:
                return request.InviteOnly is null && request.Private is null
                    ? Refuse(ErrorCodes.BadFrame, "a mode sets invite_only, private, or both")
                    : (change with { InviteOnly = request.InviteOnly, Private = request.Private }, null);
        }
        if (!AccountRules.TryNormalizeUsername(request.Target, out var target))
            return Refuse(ErrorCodes.NoSuchUser, $"there is no user \"{request.Target}\"");
        if (target == by.Username)
            return Refuse(ErrorCodes.BadTarget, $"you cannot {action} yourself");
        change = change with { Target = target };
        var present = isPresent(target);
        if (action is ModerationActions.Kick or ModerationActions.Ban or ModerationActions.Mute or ModerationActions.Deop
            && Rank(target, present ?? false) >= rank)
            return Refuse(ErrorCodes.NotPermitted, $"{target} ranks as high as you in {room}");
        if (request.Duration is { } duration && (duration <= TimeSpan.Zero || duration > MaxDuration))
            return Refuse(ErrorCodes.BadFrame, $"a duration is more than 0 and at most {MaxDuration.TotalDays} days");
        var until = request.Duration is { } d ? now + d : (DateTime?)null;
        return action switch
        {
            ModerationActions.Kick when present is null => Refuse(ErrorCodes.NotInRoom, $"{target} is not in {room}"),
            ModerationActions.Kick => (change, null),
            ModerationActions.Ban or ModerationActions.Mute => (change with { Until = until }, null),
            ModerationActions.Unban when BanOf(target, now) is null => Refuse(ErrorCodes.BadTarget, $"{target} is not banned from {room}"),
            ModerationActions.Unmute when MuteOf(target, now) is null => Refuse(ErrorCodes.BadTarget, $"{target} is not muted in {room}"),
            ModerationActions.Unban or ModerationActions.Unmute or ModerationActions.Invite => (change, null),
            ModerationActions.Op when RoleOf(target) is not null => Refuse(ErrorCodes.BadTarget, $"{target} is already {RoleOf(target)} of {room}"),
            ModerationActions.Op => (change, null),
            ModerationActions.Deop when RoleOf(target) != RoomRoles.Operator => Refuse(ErrorCodes.BadTarget, $"{target} is not an operator of {room}"),
            ModerationActions.Deop => (change, null),
            _ => Refuse(ErrorCodes.BadFrame, $"no moderation action \"{action}\""),
        };
    }

    private static (ModerationChange?, Refusal?) Refuse(string code, string message) => (null, new Refusal(code, message));

    private static string? CleanedOrNull(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : TextRules.TryClean(text.Trim(), out var cleaned, out _) ? cleaned : null;

    /// <summary>Why a reason or topic is refused; null when it is fine (or absent).</summary>
    private static string? Cleaned(string? text, int maxLength, string what)
    {
        if (text is null)
            return null;
        if (text.Length > maxLength || text.Any(char.IsControl))
            return $"{what} is one line of at most {maxLength} characters";
        return TextRules.TryClean(text, out _, out var problem) ? null : problem;
    }

    /// <summary>The room's moderation once the change is stored (a kick changes only who is in the room).</summary>
    public RoomModeration Apply(ModerationChange change) => change.Action switch
    {
        ModerationActions.Ban => this with { Bans = Bans.SetItem(change.Target!, new Restriction(change.Until, change.Reason)), Invited = Invited.Remove(change.Target!) },
        ModerationActions.Unban => this with { Bans = Bans.Remove(change.Target!) },
        ModerationActions.Mute => this with { Mutes = Mutes.SetItem(change.Target!, new Restriction(change.Until, change.Reason)) },
        ModerationActions.Unmute => this with { Mutes = Mutes.Remove(change.Target!) },
        ModerationActions.Invite => this with { Invited = Invited.Add(change.Target!) },
        ModerationActions.Topic => this with { Topic = change.Topic ?? "", TopicBy = change.By, TopicAt = change.At },
        ModerationActions.Mode => this with { InviteOnly = change.InviteOnly ?? InviteOnly, Private = change.Private ?? Private },
        ModerationActions.Op => this with { Roles = Roles.SetItem(change.Target!, RoomRoles.Operator) },
        ModerationActions.Deop => this with { Roles = Roles.Remove(change.Target!) },
        ModerationActions.Own => this with { Roles = Roles.SetItem(change.By, RoomRoles.Owner) },
        _ => this,
    };
}
