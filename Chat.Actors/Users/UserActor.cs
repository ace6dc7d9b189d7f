using System.Collections.Immutable;
using Akka;
using Akka.Actor;
using Akka.Event;
using Chat.Actors.Delivery;
using Chat.Actors.Directories;
using Chat.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;

namespace Chat.Actors.Users;

/// <summary>
/// One logged-in user, however many terminals they use. Owns the user's connections (sessions,
/// watched), nickname, away state and room memberships; speaks for the user to rooms and to
/// other users, so the identity on everything sent is always the account's. This part: coming
/// online and going offline, and the states that order the user's requests.
/// </summary>
public sealed partial class UserActor : ReceiveActor, IWithStash, IWithTimers
{
    private const int UndeliveredAtLogin = 500;

    /// <summary>What the store knows about the user as they come online.</summary>
    private sealed record Arrived(ImmutableArray<string> Rooms, Unread Unread, ImmutableArray<DirectMessageRecord> Undelivered);
    /// <summary>A further terminal's unread counts (null when they could not be read), to write before its pages.</summary>
    private sealed record TerminalUnreadLoaded(IActorRef Session, Unread? Unread);
    private sealed record NicknameStored(string Nickname, RequestId? Re, IActorRef ReplyTo);
    private sealed record MembershipStored(string Room, bool Joined, RequestId? Re, IActorRef ReplyTo);
    /// <summary>A write failed; <see cref="EndsSettling"/> when it was a change the user's next requests wait for.</summary>
    private sealed record WriteFailed(string What, RequestId? Re, IActorRef ReplyTo, bool EndsSettling = false);

    private readonly UserState _state;
    private readonly IActorRef _users;
    private readonly IActorRef _rooms;
    private readonly IChatStore _store;
    private readonly ChatSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Whether this online spell's rooms and unread counts were loaded and handed out.
    private bool _arrived;
    // Rooms asked to let the user in while arriving that have not answered yet.
    private readonly HashSet<string> _entering = new(StringComparer.Ordinal);

    /// <param name="users">The user directory, through which this user reaches others.</param>
    /// <param name="rooms">The room directory.</param>
    public UserActor(string username, IActorRef users, IActorRef rooms, IChatStore store, ChatSettings settings)
    {
        // The nickname comes with the connection that brings the user online.
        _state = new UserState(username, username);
        _users = users;
        _rooms = rooms;
        _store = store;
        _settings = settings;
        _floodGate = settings.Session.NewFloodGate();
        Online();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(string username, IActorRef users, IActorRef rooms, IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new UserActor(username, users, rooms, store, settings));

    private string Username => _state.Username;

    /// <summary>
    /// Coming online: until the user is in all their rooms, the user's own requests wait, so a
    /// "say" right behind the login's "ok" finds its room.
    /// </summary>
    private void Arriving()
    {
        ReceiveLifecycle();
        Receive<Arrived>(OnArrived);
        Receive<RoomEntered>(entered =>
        {
            OnRoomEntered(entered);
            EnteringDone(entered.Room);
        });
        Receive<RoomUnavailable>(refused => EnteringDone(refused.Room));
        ReceiveAny(StashCounted);
    }

    /// <summary>A room answered the arriving user, one way or the other; the last answer ends arriving.</summary>
    private void EnteringDone(string room)
    {
        _entering.Remove(room);
        if (_entering.Count == 0)
            BecomeOnline();
    }

    /// <summary>
    /// While a change the user's next requests depend on is stored (joining or leaving a room,
    /// a new nickname), those requests wait: "join #dev" then "say" in dev must find the room.
    /// </summary>
    private void Settling()
    {
        Receive<WriteFailed>(failed => failed.EndsSettling, failed =>
        {
            OnWriteFailed(failed);
            BecomeOnline();
        });
        ReceiveLifecycle();
        Receive<MembershipStored>(stored =>
        {
            OnMembershipStored(stored);
            // A join settles when the room lets the user in.
            if (!stored.Joined)
                BecomeOnline();
        });
        Receive<RoomEntered>(entered =>
        {
            OnRoomEntered(entered);
            BecomeOnline();
        });
        Receive<RoomUnavailable>(_ => BecomeOnline());
        Receive<NicknameStored>(stored =>
        {
            OnNicknameStored(stored);
            BecomeOnline();
        });
        ReceiveAny(StashCounted);
    }

    private void BecomeOnline()
    {
        _entering.Clear();
        Become(Online);
        Stash.UnstashAll();
    }

    /// <summary>What the user actor handles in every state: connections, frames for them, stopping.</summary>
    private void ReceiveLifecycle()
    {
        Receive<AttachConnection>(OnAttach);
        Receive<DetachConnection>(detach => OnDetach(detach.Session));
        Receive<Terminated>(t => OnDetach(t.ActorRef));
        Receive<StopIfIdle>(_ => OnStopIfIdle());
        Receive<DeliverDirect>(OnDeliverDirect);
        Receive<WhoisQuery>(OnWhoisQuery);
        Receive<WriteFailed>(OnWriteFailed);
        Receive<CheckFloodGateRested>(_ => IdleOnceRested());
        Receive<TerminalUnreadLoaded>(OnTerminalUnreadLoaded);
        Receive<Done>(_ => { });
    }

    private void Online()
    {
        ReceiveLifecycle();
        Receive<RoomEntered>(OnRoomEntered);
        // The user went offline while the room kept them waiting; the connection was told.
        Receive<RoomUnavailable>(_ => { });
        Receive<Join>(OnJoin);
        Receive<Leave>(OnLeave);
        Receive<MembershipStored>(OnMembershipStored);
        Receive<ListRooms>(OnListRooms);

        Receive<ChangeNickname>(OnChangeNickname);
        Receive<NicknameStored>(OnNicknameStored);
        Receive<SetAway>(away => OnAway(away.Reason ?? "", away.Id));
        Receive<Back>(back => OnAway(null, back.Id));
        ReceiveConversations();
    }

    private void OnAttach(AttachConnection attach)
    {
        var cameOnline = _state.Attach(attach.Connection, attach.Nickname, UtcClock.Now());
        var session = attach.Connection.Session;
        Context.Watch(session);
        // The login's "ok" is sent before any room knows this connection: it is the first thing
        // the connection's writer gets for it.
        attach.Connection.Send(new Ok { Re = attach.LoginRe, User = Username, Nick = _state.Nickname, Resume = attach.ResumeToken });
        session.Tell(new ConnectionAttached(Self, Username, _state.Nickname));
        if (cameOnline)
        {
            _arrived = false;
            Become(Arriving);
            ArriveAsync().PipeTo(Self, failure: reason =>
            {
                _log.Error(reason, "user {0}: could not load rooms and unread state; joining the lobby only", Username);
                return new Arrived([RoomNames.Lobby], new Unread([]), []);
            });
        }
        else if (_arrived)
        {
            // Another terminal: it gets the unread counts for itself, then each room writes it its
            // page (in that order, as at arrival).
            UnreadFrameAsync().PipeTo(
                Self,
                success: unread => new TerminalUnreadLoaded(session, unread),
                failure: reason =>
                {
                    _log.Error(reason, "user {0}: could not load the unread counts for another terminal", Username);
                    return new TerminalUnreadLoaded(session, null);
                });
        }
        // Otherwise arrival is under way, and what it hands out reaches every connection, this one too.
    }

    /// <summary>Tells the rooms the user is in, or is entering, which connections to write to now.</summary>
    private void ReconnectToRooms()
    {
        var connections = Connections;
        foreach (var room in _state.Rooms.Keys.Concat(_entering).Distinct())
            _rooms.Tell(new RoomEnvelope(room, new MemberConnections(Username, connections)));
    }

    private async Task<Arrived> ArriveAsync()
    {
        await _store.AddRoomMemberAsync(RoomNames.Lobby, Username);
        return new Arrived(
            [.. await _store.RoomsOfAsync(Username)],
            ToFrame(await _store.UnreadAsync(Username)),
            [.. await _store.UndeliveredDirectMessagesAsync(Username, UndeliveredAtLogin)]);
    }

    private void OnArrived(Arrived arrived)
    {
        if (!_state.IsOnline)
        {
            BecomeOnline();
            return;
        }
        _arrived = true;
        // Written before any room is asked in: rooms write their pages to the connections
        // themselves, and a client takes the first page after "unread" to end its arrival.
        DeliverToConnections(arrived.Unread);
        foreach (var dm in arrived.Undelivered)
            DeliverToConnections(dm.ToFrame());
        if (arrived.Undelivered.Length > 0)
            Store("delivery mark", _store.MarkDeliveredAsync(Username, arrived.Undelivered[^1].Id));
        foreach (var room in arrived.Rooms)
        {
            _entering.Add(room);
            _rooms.Tell(new RoomEnvelope(room, new JoinRoom(Username, _state.Nickname, _state.Away, Self, Connections)));
        }
        if (_entering.Count == 0)
            BecomeOnline();
    }

    private async Task<Unread> UnreadFrameAsync() => ToFrame(await _store.UnreadAsync(Username));

    private void OnTerminalUnreadLoaded(TerminalUnreadLoaded loaded)
    {
        if (loaded.Unread is { } unread && _state.Connections.GetValueOrDefault(loaded.Session) is { } connection)
            connection.Send(unread);
        ReconnectToRooms();
    }

    private static Unread ToFrame(UnreadCounts unread) =>
        new(unread.Direct.Select(d => new UnreadConversation(d.Count) { With = d.With })
            .Concat(unread.Rooms.Select(r => new UnreadConversation(r.Count) { Room = r.Room }))
            .ToImmutableArray());

    private void OnDetach(IActorRef session)
    {
        Context.Unwatch(session);
        var now = UtcClock.Now();
        if (!_state.Detach(session, now))
        {
            if (_state.IsOnline)
                ReconnectToRooms();
            return;
        }
        foreach (var room in _state.Rooms.Values)
            room.Tell(new LeaveRoom(Username));
        _state.LeaveAllRooms();
        _arrived = false;
        BecomeOnline();
        Store("last-seen time", _store.SetLastSeenAsync(Username, now));
        IdleOnceRested();
    }

    private void OnStopIfIdle()
    {
        if (_state.IsOnline)
            Context.Parent.Tell(StayActive.Instance);
        else
            Context.Stop(Self);
    }

    private ImmutableArray<ClientConnection> Connections => [.. _state.Connections.Values];

    /// <summary>Sent to the connections' node writers directly, like the rooms' traffic, rather than through the sessions.</summary>
    private void DeliverToConnections(ServerFrame frame) => _state.Connections.Values.Send(frame);

    private void OnWriteFailed(WriteFailed failed) =>
        failed.ReplyTo.Tell(Error(ErrorCodes.Unavailable, $"the {failed.What} could not be stored; try again", failed.Re));

    /// <summary>What a failed write comes back as, once logged.</summary>
    private Func<Exception, object> WriteFailure(string what, RequestId? re, IActorRef replyTo, bool endsSettling = false) => reason =>
    {
        _log.Error(reason, "user {0}: storing the {1} failed", Username, what);
        return new WriteFailed(what, re, replyTo, endsSettling);
    };

    /// <summary>A write nobody waits for; a failure is logged.</summary>
    private void Store(string what, Task write) =>
        write.PipeTo(Self, success: () => Done.Instance, failure: WriteFailure(what, null, ActorRefs.Nobody));

    private Func<Exception, object> Unavailable(string what, RequestId? re) => reason =>
    {
        _log.Error(reason, "user {0}: reading the {1} failed", Username, what);
        return Error(ErrorCodes.Unavailable, $"the {what} could not be read; try again", re);
    };

    private static ErrorReply Error(string code, string message, RequestId? re) => new(code, message) { Re = re };
}
