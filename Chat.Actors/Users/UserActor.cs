using Akka;
using Akka.Actor;
using Akka.Event;
using Chat.Actors.Accounts;
using Chat.Protocol;
using Chat.Actors.Replies;
using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
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
    private sealed record Arrived(IReadOnlyList<string> Rooms, UnreadCounts Unread, IReadOnlyList<DirectMessageRecord> Undelivered);
    /// <summary>A further terminal's unread counts (null when they could not be read), to write before its pages.</summary>
    private sealed record TerminalUnreadLoaded(IActorRef Session, Unread? Unread);
    private sealed record NicknameStored(string Nickname, RequestId? Re, IActorRef ReplyTo, bool Taken = false);
    private sealed record MembershipStored(string Room, bool Joined, RequestId? Re, IActorRef ReplyTo);
    /// <summary>A write failed; <see cref="EndsSettling"/> when it was a change the user's next requests wait for.</summary>
    private sealed record WriteFailed(string What, Exception Reason, RequestId? Re, IActorRef ReplyTo, bool EndsSettling = false);

    private readonly UserState _state;
    private readonly IChatStore _store;
    private readonly ChatSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Whether this online spell's rooms and unread counts were loaded and handed out.
    private bool _arrived;
    // Rooms asked to let the user in while arriving that have not answered yet.
    private readonly HashSet<string> _entering = new(StringComparer.Ordinal);

    public UserActor(string username, string nickname, IChatStore store, ChatSettings settings)
    {
        _state = new UserState(username, nickname);
        _store = store;
        _settings = settings;
        _floodGate = settings.Session.NewFloodGate();
        Online();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(string username, string nickname, IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new UserActor(username, nickname, store, settings));

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
        Receive<WhoisQuery>(query => query.ReplyTo.Tell(WhoisMe(query.Re)));
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
        var cameOnline = _state.Attach(attach.Session, attach.Output, UtcClock.Now());
        Context.Watch(attach.Session);
        // The login's "ok" is written before any room can write to this output.
        attach.Output.Write(FrameCodec.Server.Encode(new Ok { Re = attach.LoginRe, User = Username, Nick = _state.Nickname, Resume = attach.ResumeToken }));
        attach.Session.Tell(new ConnectionAttached(Self, Username, _state.Nickname));
        if (cameOnline)
        {
            _arrived = false;
            Become(Arriving);
            ArriveAsync().PipeTo(Self, failure: reason =>
            {
                _log.Error(reason, "user {0}: could not load rooms and unread state; joining the lobby only", Username);
                return new Arrived([RoomNames.Lobby], new UnreadCounts([], []), []);
            });
        }
        else if (_arrived)
        {
            // Another terminal: it gets the unread counts for itself, then each room writes it its
            // page (in that order, as at arrival).
            var session = attach.Session;
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
        var outputs = _state.Outputs;
        foreach (var room in _state.Rooms.Keys.Concat(_entering).Distinct())
            Context.Parent.Tell(new ReconnectToRoom(room, new MemberConnections(Username, outputs)));
    }

    private async Task<Arrived> ArriveAsync()
    {
        await _store.AddRoomMemberAsync(RoomNames.Lobby, Username);
        return new Arrived(
            await _store.RoomsOfAsync(Username),
            await _store.UnreadAsync(Username),
            await _store.UndeliveredDirectMessagesAsync(Username, UndeliveredAtLogin));
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
        DeliverToConnections(EncodedFrame.Of(ReplyBudget.Bounded(ToFrame(arrived.Unread), _settings.MaxReplyBytes)));
        // The oldest waiting DMs, as many as one reply's budget holds: the rest stay undelivered
        // (the unread counts name their conversation, and history pages them).
        var waiting = arrived.Undelivered.Select(dm => EncodedFrame.Of(dm.ToFrame())).ToList();
        var fits = ReplyBudget.FirstWithin(waiting, frame => frame.Bytes.Length, _settings.MaxReplyBytes);
        var written = waiting.Take(fits).TakeWhile(DeliverToConnections).Count();
        if (written > 0)
            Store("delivery mark", _store.MarkDeliveredAsync(Username, arrived.Undelivered[written - 1].Id));
        foreach (var room in arrived.Rooms)
        {
            _entering.Add(room);
            Context.Parent.Tell(new EnterRoom(room, new JoinRoom(Username, _state.Nickname, _state.Away, Self, _state.Outputs)));
        }
        if (_entering.Count == 0)
            BecomeOnline();
    }

    private async Task<Unread> UnreadFrameAsync() => ReplyBudget.Bounded(ToFrame(await _store.UnreadAsync(Username)), _settings.MaxReplyBytes);

    private void OnTerminalUnreadLoaded(TerminalUnreadLoaded loaded)
    {
        if (loaded.Unread is { } unread && _state.Connections.GetValueOrDefault(loaded.Session) is { } output)
            output.Write(FrameCodec.Server.Encode(unread));
        ReconnectToRooms();
    }

    private static Unread ToFrame(UnreadCounts unread) =>
        new([
            .. unread.Direct.Select(d => new UnreadConversation(d.Count) { With = d.With }),
            .. unread.Rooms.Select(r => new UnreadConversation(r.Count) { Room = r.Room }),
        ]);

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
            Context.Parent.Tell(new UserStillActive(Username));
        else
            Context.Stop(Self);
    }

    /// <summary>Written to the connections' outputs directly, like the rooms' traffic, rather than through the sessions.</summary>
    /// <summary>Whether at least one connection took the frame: only then is a DM delivered.</summary>
    private bool DeliverToConnections(EncodedFrame frame)
    {
        var taken = false;
        foreach (var output in _state.Connections.Values)
        {
            if (output.TryWrite(frame.Bytes))
                taken = true;
            else
                output.Close("outbound queue full: the client is not reading");
        }
        return taken;
    }

    private void OnWriteFailed(WriteFailed failed)
    {
        // A bound the store keeps (a recipient's waiting DMs) is an answer, not a failure.
        if (failed.Reason is StoreLimitReachedException limit)
        {
            failed.ReplyTo.Tell(Error(limit.Code, limit.Message, failed.Re));
            return;
        }
        _log.Error(failed.Reason, "user {0}: storing the {1} failed", Username, failed.What);
        failed.ReplyTo.Tell(Error(ErrorCodes.Unavailable, $"the {failed.What} could not be stored; try again", failed.Re));
    }

    /// <summary>A write nobody waits for; a failure is logged.</summary>
    private void Store(string what, Task write) =>
        write.PipeTo(Self, success: () => Done.Instance, failure: reason => new WriteFailed(what, reason, null, ActorRefs.Nobody));

    private Func<Exception, object> Unavailable(string what, RequestId? re) => reason =>
    {
        _log.Error(reason, "user {0}: reading the {1} failed", Username, what);
        return Error(ErrorCodes.Unavailable, $"the {what} could not be read; try again", re);
    };

    private static ErrorReply Error(string code, string message, RequestId? re) => new(code, message) { Re = re };
}
