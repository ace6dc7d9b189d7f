using Akka.Actor;
using Akka.Event;
using Chat.Actors.Accounts;
using Chat.Actors.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
using Chat.Actors.Storage;

namespace Chat.Actors.Users;

/// <summary>
/// One logged-in user, however many terminals they use. Owns the user's connections (sessions,
/// watched), nickname and room memberships; speaks for the user to rooms and to other users, so
/// the identity on everything sent is always the account's.
/// </summary>
public sealed class UserActor : ReceiveActor
{
    private sealed record NicknameStored(string Nickname, RequestId? Re, IActorRef ReplyTo);
    private sealed record DirectStored(DirectMessageRecord? Message, string To, RequestId? Re, IActorRef ReplyTo);
    private sealed record WriteFailed(string What, Exception Reason, RequestId? Re, IActorRef ReplyTo);

    private readonly UserState _state;
    private readonly IChatStore _store;
    private readonly ChatSettings _settings;
    private readonly IActorRef _lobby;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public UserActor(string username, string nickname, IChatStore store, ChatSettings settings, IActorRef lobby)
    {
        _state = new UserState(username, nickname);
        _store = store;
        _settings = settings;
        _lobby = lobby;

        Receive<AttachConnection>(OnAttach);
        Receive<DetachConnection>(detach => OnDetach(detach.Session));
        Receive<Terminated>(t => OnDetach(t.ActorRef));
        Receive<StopIfIdle>(_ => OnStopIfIdle());
        Receive<EncodedFrame>(DeliverToConnections);

        Receive<ChangeNickname>(OnChangeNickname);
        Receive<NicknameStored>(OnNicknameStored);
        Receive<SayInRoom>(OnSay);
        Receive<ListRoomMembers>(OnListMembers);
        Receive<SendDirectMessage>(OnSendDirect);
        Receive<DirectStored>(OnDirectStored);
        Receive<WriteFailed>(OnWriteFailed);
    }

    public static Props Props(string username, string nickname, IChatStore store, ChatSettings settings, IActorRef lobby) =>
        Akka.Actor.Props.Create(() => new UserActor(username, nickname, store, settings, lobby));

    private void OnAttach(AttachConnection attach)
    {
        var cameOnline = _state.Attach(attach.Session);
        Context.Watch(attach.Session);
        // The session hears "attached" before any room traffic, so its "ok" precedes the events.
        attach.Session.Tell(new ConnectionAttached(Self, _state.Username, _state.Nickname));
        if (cameOnline && _state.Room(RoomNames.Lobby) is null)
        {
            _state.EnterRoom(RoomNames.Lobby, _lobby);
            _lobby.Tell(new JoinRoom(_state.Username, _state.Nickname, Self));
        }
    }

    private void OnDetach(IActorRef session)
    {
        Context.Unwatch(session);
        if (!_state.Detach(session))
            return;
        foreach (var room in _state.Rooms.Values)
            room.Tell(new LeaveRoom(_state.Username));
        _state.LeaveAllRooms();
        Context.Parent.Tell(new UserIdle(_state.Username));
    }

    private void OnStopIfIdle()
    {
        if (_state.IsOnline)
            Context.Parent.Tell(new UserStillActive(_state.Username));
        else
            Context.Stop(Self);
    }

    private void DeliverToConnections(EncodedFrame frame)
    {
        foreach (var connection in _state.Connections)
            connection.Tell(frame);
    }

    private void OnChangeNickname(ChangeNickname change)
    {
        var session = Sender;
        if (!AccountRules.TryNormalizeNickname(change.Nick, out var nickname, out var problem))
        {
            session.Tell(new ErrorReply(ErrorCodes.BadNick, problem!) { Re = change.Re });
            return;
        }
        _store.SetNicknameAsync(_state.Username, nickname).PipeTo(
            Self,
            success: () => new NicknameStored(nickname, change.Re, session),
            failure: reason => new WriteFailed("nickname", reason, change.Re, session));
    }

    private void OnNicknameStored(NicknameStored stored)
    {
        _state.Rename(stored.Nickname);
        stored.ReplyTo.Tell(new Ok { Re = stored.Re, User = _state.Username, Nick = stored.Nickname });
        foreach (var room in _state.Rooms.Values)
            room.Tell(new RenameMember(_state.Username, stored.Nickname));
    }

    private void OnSay(SayInRoom say)
    {
        if (!MessageRules.TryNormalizeText(say.Text, _settings.MaxTextChars, out var text, out var problem))
        {
            Sender.Tell(new ErrorReply(ErrorCodes.BadText, problem!) { Re = say.Re });
            return;
        }
        if (_state.Room(say.Room) is not { } room)
        {
            Sender.Tell(new ErrorReply(ErrorCodes.NotInRoom, $"you are not in {say.Room}") { Re = say.Re });
            return;
        }
        room.Tell(new PostMessage(_state.Username, _state.Nickname, text, say.Re, Sender));
    }

    private void OnListMembers(ListRoomMembers list)
    {
        if (_state.Room(list.Room) is { } room)
            room.Tell(new ListMembers(list.Re, Sender));
        else
            Sender.Tell(new ErrorReply(ErrorCodes.NotInRoom, $"you are not in {list.Room}") { Re = list.Re });
    }

    private void OnSendDirect(SendDirectMessage send)
    {
        var session = Sender;
        if (!MessageRules.TryNormalizeText(send.Text, _settings.MaxTextChars, out var text, out var problem))
        {
            session.Tell(new ErrorReply(ErrorCodes.BadText, problem!) { Re = send.Re });
            return;
        }
        if (!AccountRules.TryNormalizeUsername(send.To, out var to))
        {
            session.Tell(NoSuchUser(send.To, send.Re));
            return;
        }
        var message = new NewDirectMessage(_state.Username, _state.Nickname, to, text, UtcClock.Now());
        _store.AppendDirectMessageAsync(message).PipeTo(
            Self,
            success: stored => new DirectStored(stored, to, send.Re, session),
            failure: reason => new WriteFailed("direct message", reason, send.Re, session));
    }

    private void OnDirectStored(DirectStored stored)
    {
        if (stored.Message is not { } dm)
        {
            stored.ReplyTo.Tell(NoSuchUser(stored.To, stored.Re));
            return;
        }
        stored.ReplyTo.Tell(new Ok { Re = stored.Re, Dm = dm.Id });
        var frame = EncodedFrame.Of(new DirectMessage(dm.From, dm.FromNickname, dm.To, dm.Text, dm.Id, dm.Ts));
        // Every terminal of the sender shows the conversation too, the sending one included.
        DeliverToConnections(frame);
        if (dm.To != _state.Username)
            Context.Parent.Tell(new DeliverToUser(dm.To, frame));
    }

    private void OnWriteFailed(WriteFailed failed)
    {
        _log.Error(failed.Reason, "user {0}: storing the {1} failed", _state.Username, failed.What);
        failed.ReplyTo.Tell(new ErrorReply(ErrorCodes.Unavailable, $"the {failed.What} could not be stored; try again") { Re = failed.Re });
    }

    private static ErrorReply NoSuchUser(string user, RequestId? re) =>
        new(ErrorCodes.NoSuchUser, $"there is no user \"{user}\"") { Re = re };
}
