using Akka.Actor;
using Chat.Actors.Accounts;
using Chat.Protocol;
using Chat.Actors.Rooms;

namespace Chat.Actors.Users;

/// <summary>This part: the user's rooms, nickname and away state, which every room the user is in hears about.</summary>
public sealed partial class UserActor
{
    private void OnRoomEntered(RoomEntered entered)
    {
        if (!_state.IsOnline)
        {
            entered.RoomActor.Tell(new LeaveRoom(Username));
            return;
        }
        _state.EnterRoom(entered.Room, entered.RoomActor);
    }

    private void OnJoin(Join join)
    {
        if (!RoomRules.TryNormalizeRoomName(join.Room, out var room))
        {
            Sender.Tell(Error(ErrorCodes.BadRoom, "a room name is 2 to 32 of a-z, 0-9, _ and -", join.Id));
            return;
        }
        if (_state.Room(room) is not null)
        {
            Sender.Tell(new Ok { Re = join.Id, Room = room });
            return;
        }
        var session = Sender;
        _store.AddRoomMemberAsync(room, Username).PipeTo(
            Self,
            success: _ => new MembershipStored(room, Joined: true, join.Id, session),
            failure: WriteFailure("room membership", join.Id, session, endsSettling: true));
        Become(Settling);
    }

    private void OnLeave(Leave leave)
    {
        if (!RoomRules.TryNormalizeRoomName(leave.Room, out var room) || room == RoomNames.Lobby)
        {
            Sender.Tell(Error(ErrorCodes.BadRoom, "everyone stays in the lobby; other rooms can be left", leave.Id));
            return;
        }
        if (_state.Room(room) is null)
        {
            Sender.Tell(Error(ErrorCodes.NotInRoom, $"you are not in {room}", leave.Id));
            return;
        }
        var session = Sender;
        _store.RemoveRoomMemberAsync(room, Username).PipeTo(
            Self,
            success: () => new MembershipStored(room, Joined: false, leave.Id, session),
            failure: WriteFailure("room membership", leave.Id, session, endsSettling: true));
        Become(Settling);
    }

    private void OnMembershipStored(MembershipStored stored)
    {
        if (stored.Joined)
        {
            _rooms.Tell(new RoomEnvelope(stored.Room, new JoinRoom(Username, _state.Nickname, _state.Away, Self, Connections, stored.Re, _state.Connections.GetValueOrDefault(stored.ReplyTo))));
            return;
        }
        _state.Room(stored.Room)?.Tell(new LeaveRoom(Username));
        _state.LeaveRoom(stored.Room);
        stored.ReplyTo.Tell(new Ok { Re = stored.Re, Room = stored.Room });
    }

    private void OnListRooms(ListRooms list) =>
        _store.ListRoomsAsync().PipeTo(
            Sender,
            success: rooms => new RoomList(rooms.Select(r => new RoomInfo(r.Room, r.Members)).ToList()) { Re = list.Id },
            failure: Unavailable("room list", list.Id));

    private void OnChangeNickname(ChangeNickname change)
    {
        var session = Sender;
        if (!AccountRules.TryNormalizeNickname(change.Nick, out var nickname, out var problem))
        {
            session.Tell(Error(ErrorCodes.BadNick, problem!, change.Re));
            return;
        }
        _store.SetNicknameAsync(Username, nickname).PipeTo(
            Self,
            success: () => new NicknameStored(nickname, change.Re, session),
            failure: WriteFailure("nickname", change.Re, session, endsSettling: true));
        Become(Settling);
    }

    private void OnNicknameStored(NicknameStored stored)
    {
        _state.Rename(stored.Nickname);
        stored.ReplyTo.Tell(new Ok { Re = stored.Re, User = Username, Nick = stored.Nickname });
        foreach (var room in _state.Rooms.Values)
            room.Tell(new RenameMember(Username, stored.Nickname));
    }

    private void OnAway(string? reason, RequestId? re)
    {
        if (reason is { Length: > AccountRules.MaxAwayReasonLength } || (reason ?? "").Any(char.IsControl))
        {
            Sender.Tell(Error(ErrorCodes.BadText, $"an away reason is one line of at most {AccountRules.MaxAwayReasonLength} characters", re));
            return;
        }
        if (_state.SetAway(reason?.Trim(), UtcClock.Now()))
            foreach (var room in _state.Rooms.Values)
                room.Tell(new SetPresence(Username, _state.Away));
        Sender.Tell(new Ok { Re = re });
    }
}
