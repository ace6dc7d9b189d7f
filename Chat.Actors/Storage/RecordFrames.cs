using Chat.Protocol;

namespace Chat.Actors.Storage;

/// <summary>Stored messages as the frames clients receive: live and from history alike.</summary>
public static class RecordFrames
{
    public static ChatMessage ToFrame(this RoomMessageRecord m) => new(m.Room, m.Username, m.Nickname, m.Text, m.Seq, m.Ts);

    public static DirectMessage ToFrame(this DirectMessageRecord m) => new(m.From, m.FromNickname, m.To, m.Text, m.Id, m.Ts);
}
