using System.Collections.Immutable;
using Akka.Actor;
using Chat.Actors.Mailboxes;
using Akka.Event;
using Chat.Actors.Delivery;
using Chat.Actors.Directories;
using Chat.Actors.Replies;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>
/// One user, however many terminals: an entity of the user directory. Holds the user's
/// <see cref="UserState"/>, asks it to decide each request, stores what it decided, then applies
/// it and speaks for the user to rooms and others, so the identity on everything sent is the
/// account's. What the user says and reads: <see cref="UserConversations"/>; the flood gate: <see cref="AccountGate"/>.
/// </summary>
public sealed class UserActor : ActorBase, IWithStash
{
    private readonly IActorRef _rooms;
    private readonly IChatStore _store;
    private readonly ChatSettings _settings;
    private readonly AccountGate _gate;
    private readonly StoreWrites _writes;
    private readonly DirectAcknowledgements _directAcks;
    private readonly UserConversations _conversations;
    private readonly StoredChanges _changes;
    private UserState _state;
    private readonly RoomActors _roomActors; // the actors of the user's rooms, watched (the state knows the names)
    private readonly UserActorTimers _timers = new(Context.Self, Context.System.Scheduler);
    // Whether this online spell's rooms and unread counts were loaded and handed out; whether it began with a resume (its joins are not kept in history).
    private bool _arrived, _returning;
    private bool _handingOff; // its shard moves: it refuses requests and stops once no store call is in flight (HandOff)

    /// <param name="users">The user directory, through which this user reaches others.</param>
    /// <param name="rooms">The room directory.</param>
    public UserActor(string username, IActorRef users, IActorRef rooms, IChatStore store, ChatSettings settings)
    {
        // The nickname comes with the terminal that brings the user online.
        _state = new UserState(username, username);
        _rooms = rooms;
        _roomActors = new RoomActors(Context, rooms);
        _store = store;
        _settings = settings;
        _gate = new AccountGate(new UserFloodControl(settings.Session), _timers);
        _writes = new StoreWrites(Context.System, Self, username);
        _directAcks = new DirectAcknowledgements(Self, Context.System.Scheduler);
        _conversations = new UserConversations(Self, users, store, settings, _writes);
        _changes = new StoredChanges(Self, rooms, store, _writes, _roomActors);
    }

    public IStash Stash { get; set; } = null!;

    // The constructor's arguments in order, with the shared deploy: Props.Create(() => new ...)
    // and WithDeploy would evaluate the expression and copy the deploy at every login.
    public static Props Props(string username, IActorRef users, IActorRef rooms, IChatStore store, ChatSettings settings) =>
        new(CompactMailbox.Deploy, typeof(UserActor), username, users, rooms, store, settings);

    private string Username => _state.Username;

    // The flood gate is in front of every state (requests never come through the timer scheduler; its own timer lets held chat lines go).
    protected override bool AroundReceive(Receive receive, object message) =>
        _gate.Keeps(message, Sender, Stash, _state.Connections.Count) || base.AroundReceive(receive, message);

    // Each state is one switch (a ReceiveActor's handler tables cost KiBs per instance and Become).
    protected override bool Receive(object message) => Online(message);

    /// <summary>
    /// Coming online: until the user is in all their rooms, the user's own requests wait, so a
    /// "say" right behind the login's "ok" finds its room.
    /// </summary>
    private void BecomeArriving()
    {
        // A join sent while its room's node was being lost is lost with it: asked again until answered.
        _timers.AskRoomsAgainEvery(AskRoomsAgain.Interval);
        Enter(Arriving);
    }

    private bool Arriving(object message)
    {
        switch (message)
        {
            case AskRoomsAgain: if (_state.IsOnline) _roomActors.AskAgain(Joining); break;
            case RoomEntered entered: OnRoomEntered(entered); EnteringDone(entered.Room); break;
            case RoomUnavailable refused: _conversations.ForgetIfRefused(_state, refused); EnteringDone(refused.Room); break;
            default: if (!Lifecycle(message)) Wait(message); break;
        }
        return true;
    }

    /// <summary>A room answered the arriving user, one way or the other; the last answer ends arriving.</summary>
    private void EnteringDone(string room)
    {
        if (_roomActors.Answered(room))
            BecomeOnline();
    }

    /// <summary>
    /// While a change the user's next requests depend on is stored (joining or leaving a room,
    /// a new nickname), those requests wait: "join #dev" then "say" in dev must find the room.
    /// </summary>
    private bool Settling(object message)
    {
        switch (message)
        {
            case WriteFailed { EndsSettling: true } failed: _writes.Settled(); failed.ReplyTo.Tell(failed.ToReply()); BecomeOnline(); break;
            // A join settles when the room lets the user in.
            case ChangeStored stored: OnChangeStored(stored); if (stored.Change is not RoomJoined) BecomeOnline(); break;
            case RoomEntered entered: OnRoomEntered(entered); BecomeOnline(); break;
            case RoomUnavailable refused: _conversations.ForgetIfRefused(_state, refused); BecomeOnline(); break;
            default: if (!Lifecycle(message)) Wait(message); break;
        }
        return true;
    }

    private void Wait(object message) { _gate.Flood.Waiting(message); Stash.Stash(); }

    private void BecomeOnline()
    {
        _timers.StopAskingRoomsAgain();
        _roomActors.StopEntering();
        Enter(Online);
        Stash.UnstashAll();
    }

    /// <summary>What the user actor handles in every state: terminals, other users' DMs and questions, stopping.</summary>
    private bool Lifecycle(object message)
    {
        switch (message)
        {
            case AttachConnection attach: OnAttach(attach); break;
            case DetachConnection detach: OnDetach(detach.Session, detach.Closed); break;
            case Terminated t: EnterAgain(_roomActors.Lost(t.ActorRef), orDetach: t.ActorRef); break;
            // Each closes its socket and stops; this actor hears of it as of any closed terminal.
            case EndOtherTerminals end: _state.OtherTerminals(end.Keep).ToList().ForEach(session => session.Tell(end.Bye)); break;
            case StopIfIdle: OnStopIfIdle(); break;
            case HandOffUser: HandOff(); break;
            // In every state: a DM committed while the user was arriving or settling goes on at once.
            case DirectStored stored: _writes.Settled(); _conversations.OnDirectStored(_state, stored, _directAcks, _handingOff); IdleOnceRested(); break;
            case Ok or DirectAckOverdue: _directAcks.Receive(message); break;
            case AccountStandingChanged changed: _state = StandingChanges.Apply(_state, changed, _roomActors); IdleOnceRested(); break;
            // Started for this DM or question alone (the user is offline): done once answered.
            case DeliverDirect delivery: _conversations.DeliverDirect(_state, delivery); IdleOnceRested(); break;
            case WhoisQuery query: _conversations.OnWhoisQuery(_state, query); IdleOnceRested(); break;
            case WriteFailed failed: _writes.Settled(); failed.ReplyTo.Tell(failed.ToReply()); IdleOnceRested(); break;
            case CheckFloodGateRested: IdleOnceRested(); break;
            case AskRoomsAgain: break; // sent before the asking stopped
            // Kicked or banned: the room deleted the stored membership with the change.
            case RemovedFromRoom removed: _state = _roomActors.Left(removed.Room, out _) ? _state.Apply(new RoomLeft(removed.Room)) : _state; break;
            case TerminalUnreadLoaded loaded: OnTerminalUnreadLoaded(loaded); break;
            case DirectMessagesWritten written: _writes.Fire("delivery mark", _store.MarkDeliveredAsync(Username, written.UpToId)); break;
            case FiredWriteSettled: _writes.Settled(); IdleOnceRested(); break;
            // In every state: a user who logs out before the load comes back is offline again by then.
            case Arrived arrived: _writes.Settled(); OnArrived(arrived); IdleOnceRested(); break;
            default: return false;
        }
        return true;
    }

    private bool Online(object message)
    {
        switch (message)
        {
            case RoomEntered entered: OnRoomEntered(entered); break;
            // The user went offline while the room kept them waiting; the connection was told.
            case RoomUnavailable refused: _conversations.ForgetIfRefused(_state, refused); break;
            case Join join: Decide(new EnterRoom(join.Room), join.Id, StoreChange); break;
            case Leave leave: Decide(new ExitRoom(leave.Room), leave.Id, StoreChange); break;
            case ChangeNickname change: Decide(new ChooseNickname(change.Nick), change.Re, StoreChange); break;
            case SetAway away: Decide(new ChangeAway(away.Reason ?? ""), away.Id, ApplyAway); break;
            case Back back: Decide(new ChangeAway(null), back.Id, ApplyAway); break;
            case ChangeStored stored: OnChangeStored(stored); break;
            case ListRooms list: _conversations.ListRooms(_state, list, Sender); break;
            case RoomModerationFrame frame: UserConversations.Moderate(_state, _rooms, frame, Sender); break;
            case SayInRoom say: _conversations.Say(_state, RoomActor(say.Room), say, Sender); break;
            case ListRoomMembers list: UserConversations.ListMembers(RoomActor(list.Room), list, Sender, _state.Connections.GetValueOrDefault(Sender)); break;
            case SendDirectMessage send: _conversations.SendDirect(_state, send, Sender); break;
            case HistoryRequest request: _conversations.History(_state, request, Sender); break;
            case MarkRead mark: _conversations.MarkRead(_state, mark, Sender); break;
            case CloseConversation close: _conversations.Close(_state, close, Sender); break;
            case SearchRequest search: _conversations.Search(_state, search, Sender); break;
            case ReadStored stored: _writes.Settled(); UserConversations.OnReadStored(_state, stored); IdleOnceRested(); break;
            case Whois whois: _conversations.Whois(_state, whois, Sender); break;
            case ChangeIgnore change: _conversations.ChangeIgnore(_state, change, Sender); break;
            case IgnoreStored stored: _writes.Settled(); _state = UserConversations.OnIgnoreStored(_state, stored); IdleOnceRested(); break;
            default: return Lifecycle(message);
        }
        return true;
    }

    private IActorRef? RoomActor(string name) =>
        RoomRules.TryNormalizeRoomName(name, out var room) ? _roomActors.Find(room) : null;

    /// <summary>Asks the state what a request means; a refusal goes back to the asker, what it decided to <paramref name="act"/>.</summary>
    private void Decide(UserCommand command, RequestId? re, Action<UserEvent, RequestId?, IActorRef> act)
    {
        var decision = _state.Decide(command, UtcClock.Now());
        if (decision.Refused is { } refused)
            Sender.Tell(UserConversations.Error(refused.Code, refused.Message, re));
        else if (decision.Events.IsEmpty)
            Sender.Tell(new Ok { Re = re });
        foreach (var e in decision.Events)
            act(e, re, Sender);
    }

    /// <summary>A change the user's next requests depend on: stored first, applied once stored; those requests wait meanwhile.</summary>
    private void StoreChange(UserEvent change, RequestId? re, IActorRef asker)
    {
        if (_changes.Store(Username, change, re, asker))
            Enter(Settling);
    }

    private void OnChangeStored(ChangeStored stored)
    {
        _state = _changes.Apply(_state, stored, Connections, _handingOff);
        IdleOnceRested();
    }

    private void ApplyAway(UserEvent away, RequestId? re, IActorRef asker)
    {
        _state = _state.Apply(away);
        _roomActors.TellAll(new SetPresence(Username, _state.Away));
        asker.Tell(new Ok { Re = re });
    }

    private void OnRoomEntered(RoomEntered entered)
    {
        if (!_state.IsOnline)
        {
            entered.RoomActor.Tell(new LeaveRoom(Username) { Disconnected = true });
            return;
        }
        _roomActors.Entered(entered.Room, entered.RoomActor);
        _state = _state.Apply(new RoomJoined(entered.Room));
    }

    private void OnAttach(AttachConnection attach)
    {
        var wasOnline = _state.IsOnline;
        _state = _state.Apply(_state.Decide(new AttachTerminal(attach.Connection, attach.Nickname), UtcClock.Now()).Events) with { HostOperator = attach.HostOperator };
        var session = attach.Connection.Session;
        Context.Watch(session);
        // The login's "ok" goes before any room knows this connection: the first thing its writer gets.
        attach.Connection.Send(new Ok { Re = attach.LoginRe, User = Username, Nick = _state.Nickname, Resume = attach.ResumeToken });
        session.Tell(new ConnectionAttached(Self, Username, _state.Nickname));
        if (!wasOnline)
        {
            (_arrived, _returning) = (false, attach.Resumed);
            BecomeArriving();
            _writes.Began();
            Arrived.PipeLoad(_store, Username, Self, Context.System);
        }
        else if (_arrived)
            Arrived.PipeTerminalUnread(_store, Username, session, Self, Context.System); // then each room's page, as at arrival
        // Otherwise arrival is under way: what it hands out reaches this connection too.
    }

    private void OnArrived(Arrived arrived)
    {
        // A load for an earlier online spell (the user logged out and in again meanwhile): this
        // spell's own load, or the earlier one taken for it, was handed out already.
        if (_arrived)
            return;
        if (!_state.IsOnline)
        {
            BecomeOnline();
            return;
        }
        _arrived = true;
        Context.GetLogger().Info("user {0} online on this node", Username);
        _state = _state with { Ignored = [.. arrived.Ignored] };
        // Sent before any room is asked in: rooms send their pages to the connections
        // themselves, and a client takes the first page after "unread" to end its arrival.
        _conversations.HandOutArrival(_state, arrived);
        foreach (var room in arrived.Rooms)
            _roomActors.Enter(room, Joining());
        if (_roomActors.Entering.Count == 0)
            BecomeOnline();
    }

    /// <summary>A room the user is in moved (its actor stopped with the user a member): enter its next incarnation, requests waiting meanwhile as at arrival. Anything else that stopped is a terminal.</summary>
    private void EnterAgain(string? room, IActorRef orDetach)
    {
        if (room is null)
            OnDetach(orDetach, closed: true);
        else if (_state.IsOnline && _state.Rooms.Contains(room) && !_handingOff)
        {
            _roomActors.Enter(room, Joining() with { Returning = true, Moved = true });
            BecomeArriving();
        }
    }

    private JoinRoom Joining() => new(Username, _state.Nickname, _state.Away, Self, Connections) { HostOperator = _state.HostOperator, Returning = _returning };

    private void OnTerminalUnreadLoaded(TerminalUnreadLoaded loaded)
    {
        if (loaded.Unread is { } unread && _state.Connections.GetValueOrDefault(loaded.Session) is { } connection)
            UserConversations.HandOutToTerminal(_state, connection, ReplyBudget.Bounded(unread, _settings.MaxReplyBytes));
        _roomActors.TellConnections(_state.Rooms, new MemberConnections(Username, Connections));
    }

    private void OnDetach(IActorRef session, bool closed)
    {
        Context.Unwatch(session);
        _gate.Detached(session, closed);
        var now = UtcClock.Now();
        var wasOnline = _state.IsOnline;
        _state = _state.Apply(_state.Decide(new DetachTerminal(session), now).Events);
        if (_state.IsOnline)
        {
            _roomActors.TellConnections(_state.Rooms, new MemberConnections(Username, Connections));
            return;
        }
        if (!wasOnline)
            return;
        _roomActors.TellAll(new LeaveRoom(Username) { Disconnected = true });
        _roomActors.Clear();
        _arrived = false;
        BecomeOnline();
        _writes.Fire("last-seen time", _store.SetLastSeenAsync(Username, now));
        IdleOnceRested();
    }

    /// <summary>
    /// Its shard hands off (the node leaves): what waited in the stash or the flood gate held, and every request from now
    /// on, is refused "unavailable" (said again, it reaches the next incarnation); what is in the
    /// store's hands is seen through; then the actor stops. It stays in this phase to the end.
    /// </summary>
    private void HandOff()
    {
        _handingOff = true;
        _directAcks.AcknowledgeAll();
        Context.Become(HandingOff);
        foreach (var waiting in Stash.ClearStash().Concat(_gate.TakeAllHeld()))
            WhileHandingOff(waiting.Message, waiting.Sender);
        IdleOnceRested();
    }

    private bool HandingOff(object message)
    {
        WhileHandingOff(message, Sender);
        IdleOnceRested();
        return true;
    }

    private void WhileHandingOff(object message, IActorRef sender)
    {
        if (UserRequestsInFlight.Refusal(message) is { } refusal)
            sender.Tell(refusal);
        else
            Online(message);
    }

    // Handing off is the last phase: nothing (a terminal attaching, a room moving) leads out of it.
    private void Enter(Receive phase) { if (!_handingOff) Context.Become(phase); }

    /// <summary>Stopped any other way with requests still waiting or held (a stop that did not hand off): none goes unanswered.</summary>
    protected override void PostStop()
    {
        _timers.StopAll();
        foreach (var waiting in Stash.ClearStash().Concat(_gate.TakeAllHeld()))
            if (UserRequestsInFlight.Refusal(waiting.Message) is { } refusal)
                waiting.Sender.Tell(refusal);
    }

    private void OnStopIfIdle()
    {
        if (_state.IsOnline || _writes.InFlight > 0)
            EntityPassivation.NotYet(Context, _settings, StopIfIdle.Instance);
        else
            Context.Stop(Self);
    }

    /// <summary>
    /// A user with no terminal left asks its directory to stop it only once the flood gate holds
    /// nothing against them: the next actor for the user would start with a full bucket, and
    /// closing every terminal and logging straight back in must not buy a flooder a new burst.
    /// </summary>
    private void IdleOnceRested()
    {
        // A write still in flight calls this again when it settles; one handed off then stops.
        if (_handingOff && _writes.InFlight == 0)
            Context.Stop(Self);
        if (_handingOff || _state.IsOnline || _writes.InFlight > 0)
            return;
        var untilRested = _gate.Flood.UntilRested(MonotonicClock.Now());
        if (untilRested > TimeSpan.Zero)
            _timers.CheckFloodGateRestedIn(untilRested);
        else
            EntityPassivation.Request(Context, _settings, StopIfIdle.Instance);
    }

    private ImmutableArray<ClientConnection> Connections => [.. _state.Connections.Values];
}
