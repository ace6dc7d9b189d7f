using Chat.Actors.Users;
using Chat.Protocol;

namespace Chat.Actors.Sessions;

/// <summary>What a logged-in connection's frame asks of its user actor, if it asks the user actor at all.</summary>
public static class UserRequests
{
    /// <summary>The message for the user actor, or null when the frame is not the user actor's (the session or the auth actor answers it).</summary>
    public static object? For(ClientFrame frame) => frame switch
    {
        ChangeNick nick => new ChangeNickname(nick.Nick, nick.Id),
        Say say => new SayInRoom(say.Room, say.Text, say.Id) { Notice = say.Notice == true },
        SendDirect dm => new SendDirectMessage(dm.To, dm.Text, dm.Id) { Notice = dm.Notice == true },
        Who who => new ListRoomMembers(who.Room, who.Id),
        Ignore ignore => new ChangeIgnore(ignore.User, true, ignore.Id),
        Unignore unignore => new ChangeIgnore(unignore.User, false, unignore.Id),
        // Requests that need only the user's own identity go as they are; the room decides
        // whether the user may moderate: permissions are the host's, never the client's.
        Join or Leave or ListRooms or HistoryRequest or MarkRead or CloseConversation or SearchRequest
            or SetAway or Back or Whois or RoomModerationFrame => frame,
        _ => null,
    };
}
