using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Actors.Rooms;

/// <summary>Between the protocol's moderation frames and the room's moderation: requests in, notices out.</summary>
public static class ModerationFrames
{
    public static ModerationRequest ToRequest(this RoomModerationFrame frame) => frame switch
    {
        Kick kick => new(ModerationActions.Kick) { Target = kick.User, Reason = kick.Reason },
        Ban ban => new(ModerationActions.Ban) { Target = ban.User, Reason = ban.Reason, Duration = Duration(ban.Seconds) },
        Unban unban => new(ModerationActions.Unban) { Target = unban.User },
        Mute mute => new(ModerationActions.Mute) { Target = mute.User, Reason = mute.Reason, Duration = Duration(mute.Seconds) },
        Unmute unmute => new(ModerationActions.Unmute) { Target = unmute.User },
        SetTopic topic => new(ModerationActions.Topic) { Topic = topic.Topic },
        Invite invite => new(ModerationActions.Invite) { Target = invite.User },
        SetMode mode => new(ModerationActions.Mode) { InviteOnly = mode.InviteOnly, Private = mode.Private },
        GrantOperator op => new(ModerationActions.Op) { Target = op.User },
        RevokeOperator deop => new(ModerationActions.Deop) { Target = deop.User },
        _ => throw new ArgumentOutOfRangeException(nameof(frame), frame, "not a moderation frame"),
    };

    // Seconds past what a TimeSpan holds become one past the longest allowed, which the rules refuse.
    private static TimeSpan? Duration(long? seconds) => seconds switch
    {
        null => null,
        <= 0 => TimeSpan.Zero,
        _ when seconds > (long)RoomModeration.MaxDuration.TotalSeconds => RoomModeration.MaxDuration + TimeSpan.FromSeconds(1),
        _ => TimeSpan.FromSeconds(seconds.Value),
    };

    public static ModerationNotice ToNotice(this ModerationChange change) =>
        new(change.Room, change.By, change.Action)
        {
            User = change.Target,
            Reason = change.Reason,
            Until = change.Until,
            Topic = change.Topic,
            InviteOnly = change.InviteOnly,
            Private = change.Private,
        };
}
