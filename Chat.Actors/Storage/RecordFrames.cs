using Chat.Protocol;

namespace Chat.Actors.Storage;

/// <summary>Stored messages as the frames clients receive: live and from history alike.</summary>
public static class RecordFrames
{
    public static ChatMessage ToFrame(this RoomMessageRecord m) => new(m.Room, m.Username, m.Nickname, m.Text, m.Seq, m.Ts) { Notice = m.Notice ? true : null };

    /// <summary>A line of a history page: a message, or the join, leave or rename it records.</summary>
    public static ServerFrame ToHistoryFrame(this RoomMessageRecord m) => m.Event switch
    {
        null => m.ToFrame(),
        RoomLineEvents.Joined => new Joined(m.Room, m.Username, m.Nickname) { Seq = m.Seq, Ts = m.Ts },
        RoomLineEvents.Left => new Left(m.Room, m.Username, m.Nickname) { Seq = m.Seq, Ts = m.Ts },
        _ => new NickChanged(m.Username, m.Text, m.Nickname) { Room = m.Room, Seq = m.Seq, Ts = m.Ts },
    };

    public static DirectMessage ToFrame(this DirectMessageRecord m) => new(m.From, m.FromNickname, m.To, m.Text, m.Id, m.Ts);
}
