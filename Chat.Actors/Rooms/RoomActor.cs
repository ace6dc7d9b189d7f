using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Chat.Actors.Delivery;
using Chat.Actors.Directories;
using Chat.Protocol;
using Chat.Actors.Replies;
using Chat.Actors.Telemetry;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>
/// One room. Numbers each message, has it stored, and only after the commit fans it out,
/// serialised once, to every member's connections and acknowledges it to the sender. Members
/// are watched: a user actor that stops has left. Keeps the newest page of history in memory so
/// a joining member gets it with no gap before the live messages. A room with no member and
/// nothing pending asks its directory to passivate it once it has been quiet for a while.
/// </summary>
/// <remarks>
/// A room's fan-out is clocked by the nodes (<see cref="RoomFanOut"/>): one in flight per node,
/// what commits or is announced meanwhile goes together next, so a quiet room sends at once and a
/// busy one (or a storm of joins) in ever larger batches.
/// The room sends a fan-out as one message per node, to the node's delivery actor, with the
/// bytes encoded once (the node holds the room's member sessions there), rather than through each member's
/// user and session actors: two actor messages per member per fan-out cost more than the socket
/// write. The page a member gets on entering goes the same way, so page and live messages share
/// one path and one writer, and keep their order.
/// </remarks>
public sealed class RoomActor : ReceiveActor, IWithStash, IWithTimers
{
    /// <summary>
    /// Requests a room holds while its history cannot be read. A host full of users arriving at
    /// once (2,000 connections by default) all wait; past this a join is refused as unavailable,
    /// so a long outage cannot make the room hold ever more.
    /// </summary>
    public const int MaxHeldWhileLoading = 10_000;

    // A failed first read is tried again after FirstLoadRetry, doubling up to MaxLoadRetry: soon
    // for a blip, and no more than one read every few seconds per room while the store is down.
    private static readonly TimeSpan FirstLoadRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxLoadRetry = TimeSpan.FromSeconds(10);

    private sealed record Loaded(long LastSeq, ImmutableArray<RoomMessageRecord> Newest, StoredRoomModeration Moderation);
    private sealed record ModerationStored(ModerationChange Change, RequestId? Re, IActorRef ReplyTo);
    private sealed record ModerationNotStored(ErrorReply Reply, IActorRef ReplyTo);
    private sealed record LoadFailed { public static readonly LoadFailed Instance = new(); }
    private sealed record RetryLoad { public static readonly RetryLoad Instance = new(); }
    private readonly string _name;
    private readonly IChatStore _store;
    private readonly ChatSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RoomFanOut _fanOut = null!;
    private RoomWrites _writes = null!;
    // The members' connections by node, told to each node's delivery actor when they change.
    private readonly RoomAudiences _audiences;
    private readonly RoomDeletion _deletion;
    private TimeSpan _loadRetry = FirstLoadRetry;
    private RoomState _state = null!;

    public RoomActor(string name, IChatStore store, ChatSettings settings)
    {
        _name = name;
        _audiences = new RoomAudiences(name);
        _deletion = new RoomDeletion(name, store, _log);
        _store = store;
        _settings = settings;
        Loading();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string name, IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new RoomActor(name, store, settings));

    protected override void PreStart()
    {
        _writes = new RoomWrites(_name, _store, _log, Self);
        _fanOut = new RoomFanOut(_name, _settings.MaxReplyBytes, () => [.. Nodes()], () => _audiences.Connections, Timers, Self);
        Load();
    }

    private void Load() => LoadAsync().PipeTo(Self, failure: reason =>
    {
        _log.Error(reason, "room {0}: cannot load its history; trying again in {1}", _name, _loadRetry);
        return LoadFailed.Instance;
    });

    private async Task<Loaded> LoadAsync()
    {
        // One more than a page tells whether anything older exists.
        var newest = await _store.RoomMessagesBeforeAsync(_name, long.MaxValue, _settings.HistoryPageSize + 1);
        return new Loaded(await _store.LastRoomSeqAsync(_name), [.. newest], await _store.RoomModerationAsync(_name));
    }

    /// <summary>
    /// Until the room knows its last seq and newest page, requests wait in the stash; a failed
    /// read is tried again, for as long as it takes, since a room cannot number messages or give
    /// joiners their page without it.
    /// </summary>
    private void Loading()
    {
        Receive<Loaded>(loaded =>
        {
            var recent = new RecentMessages(_settings.HistoryPageSize, loaded.Newest, storeHasOlder: loaded.Newest.Length > _settings.HistoryPageSize);
            _state = new RoomState(_name, loaded.LastSeq, recent) { Moderation = RoomModeration.From(loaded.Moderation) };
            // In a cluster this line says where a room lives now, and that it went on from the store's seq.
            _log.Info("room {0} open on this node after seq {1}", _name, loaded.LastSeq);
            Become(Open);
            Context.SetReceiveTimeout(_settings.RoomPassivateIdleAfter);
            Stash.UnstashAll();
        });
        Receive<LoadFailed>(_ =>
        {
            _log.Warning("room {0}: {1} requests wait for its history", _name, Stash.Count);
            Timers.StartSingleTimer(nameof(RetryLoad), RetryLoad.Instance, _loadRetry);
            _loadRetry = _loadRetry * 2 < MaxLoadRetry ? _loadRetry * 2 : MaxLoadRetry;
        });
        Receive<RetryLoad>(_ => Load());
        // Only joins are refused: nobody is a member yet, so what else comes concerns a join
        // already waiting (a member's new connections) and must follow it.
        Receive<JoinRoom>(_ => Stash.Count >= MaxHeldWhileLoading, RefuseJoin);
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>
    /// The connection that asked to join hears why it cannot (for a room entered at login, every
    /// connection of the user does), and the user actor stops waiting for the room. The
    /// membership stays stored: the next login or join tries again.
    /// </summary>
    private void RefuseJoin(JoinRoom join)
    {
        var refusal = new ErrorReply(ErrorCodes.Unavailable, $"{_name} cannot be entered now: its history could not be read; join it again later") { Re = join.Re };
        ImmutableArray<ClientConnection> told = join.Requester is { } requester ? [requester] : join.Connections;
        told.Send(refusal);
        join.User.Tell(new RoomUnavailable(_name));
    }

    private void Open()
    {
        // Announcements go in the fan-out's batch with the messages, in the order decided; a new
        // connection gets its page and, of the batch, what comes after it (SendPage); a member who
        // leaves and still listens hears all up to their "left" at once (Act, MemberLeft).
        Receive<JoinRoom>(OnJoin);
        Receive<LeaveRoom>(leave => Decide(new RemoveMember(leave.Username) { Disconnected = leave.Disconnected }));
        Receive<Terminated>(t =>
        {
            if (_state.MemberByActor(t.ActorRef) is { } member)
                Decide(new RemoveMember(member.Username) { Disconnected = true });
        });
        Receive<KeepDeparture>(keep => Decide(keep));
        Receive<RenameMember>(rename => Decide(new ChangeMemberNickname(rename.Username, rename.Nickname)));
        Receive<SetPresence>(presence => Decide(new ChangeMemberAway(presence.Username, presence.Away)));
        Receive<SetHostOperator>(set => Decide(new ChangeMemberStanding(set.Username, set.HostOperator)));
        Receive<MemberConnections>(connections => Decide(new ReplaceConnections(connections.Username, connections.Connections)));
        Receive<ListMembers>(list => Outbound.Answer(list.Requester, list.ReplyTo, ReplyBudget.Bounded(_state.RosterFrame() with { Re = list.Re }, _settings.MaxReplyBytes)));
        Receive<PostMessage>(post => Decide(new AcceptMessage(post.Username, post.Nickname, post.Text, post.Re, post.ReplyTo) { Notice = post.Notice }, refusedTo: post.ReplyTo, re: post.Re));
        Receive<ConfirmStored>(stored => Decide(stored));
        Receive<ReportNotStored>(failed => Decide(failed));
        Receive<ModerateRoom>(OnModerate);
        Receive<ModerationStored>(stored =>
        {
            Act(_state.Decide(new ApplyModeration(stored.Change), UtcClock.Now()));
            stored.ReplyTo.Tell(new Ok { Re = stored.Re, Room = _name });
        });
        // Deleted by the admin command: members told and removed, nothing more kept (RoomDeletion); starts afresh if used again.
        Receive<CloseRoom>(_ =>
        {
            Broadcast(RoomDeletion.Notice(_name));
            Decide(new RemoveEveryone());
            _deletion.Begin(_state.LastSeq);
            _state = _deletion.PurgeOnceSettled(_state with { Moderation = RoomModeration.None });
            Context.Parent.Tell(new Passivate(StopIdleRoom.Instance));
        });
        Receive<ModerationNotStored>(failed => failed.ReplyTo.Tell(failed.Reply));
        Receive<FanOutReceived>(_ => _fanOut.Received());
        Receive<RoomFanOut.Overdue>(_ =>
        {
            _log.Warning("room {0}: {1} fan-outs were not confirmed within {2}; sending on", _name, _fanOut.InFlight, RoomFanOut.Patience);
            _fanOut.GiveUpWaiting();
        });
        Receive<ReceiveTimeout>(_ => IsIdle, _ => EntityPassivation.Request(Context, _settings, StopIdleRoom.Instance));
        Receive<ReceiveTimeout>(_ => { });
        // Someone may have joined between the request to passivate and this.
        Receive<StopIdleRoom>(_ => IsIdle, _ => Context.Stop(Self));
        Receive<StopIdleRoom>(stop => EntityPassivation.NotYet(Context, _settings, stop));
        Receive<HandOffRoom>(_ =>
        {
            Become(HandingOff);
            _fanOut.SendNow();
            StopOnceSettled();
        });
    }

    /// <summary>
    /// The room's node leaves: what was accepted is committed and sent, then the room stops. A new
    /// message meanwhile is refused, not acknowledged, so nothing is lost: its sender says it again
    /// and it reaches the room's next incarnation. Anything else waits for that incarnation too
    /// (members enter it again when they see this one stop).
    /// </summary>
    private void HandingOff()
    {
        Receive<PostMessage>(post => post.ReplyTo.Tell(new ErrorReply(ErrorCodes.Unavailable, $"{_name} is moving to another node; say it again") { Re = post.Re }));
        Receive<ConfirmStored>(stored => { Decide(stored); StopOnceSettled(); });
        Receive<ReportNotStored>(failed => { Decide(failed); StopOnceSettled(); });
        Receive<FanOutReceived>(_ => { _fanOut.Received(); StopOnceSettled(); });
        Receive<RoomFanOut.Overdue>(_ => { _fanOut.GiveUpWaiting(); StopOnceSettled(); });
        ReceiveAny(_ => { });
    }

    private void StopOnceSettled()
    {
        if (_state.Pending.IsEmpty && _fanOut.IsSettled)
            Context.Stop(Self);
    }

    private bool IsIdle => _state.IsIdle && _fanOut.IsSettled;

    private void OnJoin(JoinRoom join)
    {
        var member = new RoomMember(join.Username, join.Nickname, join.User, join.Connections) { Away = join.Away, HostOperator = join.HostOperator };
        var decision = _state.Decide(new AdmitMember(member) { Returning = join.Returning, Moved = join.Moved }, UtcClock.Now());
        if (decision.Refused is { } refused)
        {
            ImmutableArray<ClientConnection> told = join.Requester is { } asker ? [asker] : join.Connections;
            told.Send(new ErrorReply(refused.Code, refused.Message) { Re = join.Re });
            join.User.Tell(new RoomUnavailable(_name) { Refused = true });
            return;
        }
        if (join.Requester is { } requester)
            requester.Send(new Ok { Re = join.Re, Room = _name });
        // The page goes before the user actor hears it is in, and the others hear of a new member after.
        Act(decision);
        join.User.Tell(new RoomEntered(_name, Self));
        // A new room's first member comes with its OwnerNamed: announced and watched all the same.
        if (decision.Events.OfType<MemberJoined>().FirstOrDefault() is not { } joined)
            return;
        Context.Watch(joined.Member.User);
        if (joined.Announced)
            Broadcast(new Joined(_name, joined.Member.Username, joined.Member.Nickname) { Role = _state.RoleOf(joined.Member.Username), Seq = joined.Line?.Seq, Ts = joined.Line?.Ts });
    }

    /// <summary>A moderator may do what they ask: it is stored with its audit row, then applied and announced.</summary>
    private void OnModerate(ModerateRoom moderate)
    {
        var decision = _state.Decide(new Moderate(moderate.By, moderate.Request), UtcClock.Now());
        if (decision.Refused is { } refused)
            moderate.ReplyTo.Tell(new ErrorReply(refused.Code, refused.Message) { Re = moderate.Re });
        foreach (var change in decision.Events.OfType<ModerationDecided>().Select(d => d.Change))
            _store.RecordModerationAsync(change).PipeTo(
                Self,
                success: () => new ModerationStored(change, moderate.Re, moderate.ReplyTo),
                failure: reason =>
                {
                    _log.Error(reason, "room {0}: the moderation {1} was not stored", _name, change.Action);
                    return new ModerationNotStored(new ErrorReply(ErrorCodes.Unavailable, $"the {change.Action} could not be stored; try again") { Re = moderate.Re }, moderate.ReplyTo);
                });
    }

    /// <summary>Asks the state what a command means; a refusal goes to <paramref name="refusedTo"/>, what it decided is applied and acted on.</summary>
    private void Decide(RoomCommand command, IActorRef? refusedTo = null, RequestId? re = null)
    {
        var decision = _state.Decide(command, UtcClock.Now());
        if (decision.Refused is { } refused)
            refusedTo?.Tell(new ErrorReply(refused.Code, refused.Message) { Re = re });
        Act(decision);
    }

    private void Act(RoomDecision decision)
    {
        foreach (var e in decision.Events)
            Act(e);
    }

    /// <summary>Applies one event and does what it asks of the room: announce, store, send, acknowledge.</summary>
    private void Act(RoomEvent e)
    {
        switch (e)
        {
            case MemberJoined joined:
                ChangeMembership(joined);
                SendPage(joined.Member.Connections);
                _writes.StoreLine(joined.Line);
                if (joined.TakesBack is { } departure)
                    _writes.TakeBackLine(departure.Seq);
                break;
            case MemberConnectionsChanged changed:
                // A connection the room did not send to before gets the page first, so it too sees no gap.
                ChangeMembership(changed);
                SendPage(changed.Added);
                break;
            case MemberLeft left:
                // A leave is said before removing, so the leaver's other terminals hear it (and get what waits, up to it, now);
                // a lost link (held) after: a lost user actor's sessions are open until they notice, and a client takes its own "left" for a leave.
                var said = new Left(_name, left.Member.Username, left.Member.Nickname) { Seq = left.Line?.Seq ?? left.Held?.Seq, Ts = left.Line?.Ts ?? left.Held?.At };
                if (left.Held is null)
                {
                    Broadcast(said);
                    _fanOut.SendNow();
                }
                ChangeMembership(left);
                if (left.Held is not null)
                    Broadcast(said);
                // A held departure is stored at once too: a host that stops within the grace keeps it.
                _writes.StoreLine(left.Line ?? left.HeldLine(_name));
                if (left.Held is { } held)
                    Timers.StartSingleTimer($"departure-{left.Member.Username}", new KeepDeparture(left.Member.Username, held.Seq), _settings.PresenceGrace);
                Context.Unwatch(left.Member.User);
                if (left.Removed)
                    left.Member.User.Tell(new RemovedFromRoom(_name));
                break;
            case ModerationApplied applied:
                _state = _state.Apply(applied);
                Broadcast(applied.Change.ToNotice());
                if (applied.Change is { Action: ModerationActions.Op or ModerationActions.Deop or ModerationActions.Own } roleChange)
                    BroadcastRole(roleChange.Target ?? roleChange.By);
                break;
            case MemberStandingChanged standing:
                var before = _state.RoleOf(standing.Username);
                _state = _state.Apply(standing);
                if (_state.RoleOf(standing.Username) != before)
                    BroadcastRole(standing.Username);
                break;
            case OwnerNamed owner:
                _state = _state.Apply(owner);
                var change = owner.Change;
                _store.RecordModerationAsync(change).ContinueWith(
                    write => _log.Error(write.Exception, "room {0}: its owner {1} was not stored", _name, change.By),
                    TaskContinuationOptions.OnlyOnFaulted);
                break;
            case MemberRenamed renamed:
                _state = _state.Apply(renamed);
                Broadcast(new NickChanged(renamed.Username, renamed.OldNickname, renamed.Nickname) { Room = _name, Seq = renamed.Line.Seq, Ts = renamed.Line.Ts });
                _writes.StoreLine(renamed.Line);
                break;
            case DepartureKept kept:
                // Stored when the member left; now the room's recent lines (a joiner's page) have it too.
                _state = _state.Apply(kept);
                break;
            case MemberAwayChanged away:
                _state = _state.Apply(away);
                Broadcast(new Presence(away.Username, away.Nickname) { Away = away.Away });
                break;
            case MessageAccepted accepted:
                _state = _state.Apply(accepted);
                _writes.Store(accepted.Message.Record);
                break;
            case MessageCommitted committed:
                _state = _state.Apply(committed);
                _fanOut.Enqueue(_deletion.Kept(committed.Released, ref _state));
                break;
            case MessageDropped dropped:
                _state = _state.Apply(dropped);
                dropped.Failed.ReplyTo.Tell(new ErrorReply(ErrorCodes.Unavailable, "the message could not be stored; try again") { Re = dropped.Failed.Re });
                _fanOut.Enqueue(_deletion.Kept(dropped.Released, ref _state));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e, "not an event the room acts on");
        }
    }

    /// <summary>Who hears the room's traffic changed: it is worked out again at the next send.</summary>
    private void ChangeMembership(RoomEvent e)
    {
        _state = _state.Apply(e);
        _audiences.Changed();
    }

    /// <summary>
    /// The page goes ahead of anything broadcast after it (same path, same writer), and the fan-out
    /// writes these connections only what it gathers from now on: the page holds what came before.
    /// </summary>
    private void SendPage(IReadOnlyCollection<ClientConnection> connections)
    {
        connections.Send(RecentPage());
        _fanOut.Entering(connections);
    }

    private HistoryPage RecentPage() =>
        ReplyBudget.Bounded(
            new HistoryPage(_state.Recent.Messages.Select(m => m.ToHistoryFrame()).ToList(), Complete: !_state.Recent.HasOlder) { Room = _name },
            _settings.MaxReplyBytes);

    private void Broadcast(ServerFrame frame) => _fanOut.Announce(frame);

    /// <summary>Members' panels show roles: a change is said as the role the user has now.</summary>
    private void BroadcastRole(string username) => Broadcast(new RoleChanged(_name, username) { Role = _state.RoleOf(username) });

    private IEnumerable<IActorRef> Nodes() => _audiences.Nodes(_state.Members.Values.SelectMany(m => m.Connections), Self);

    protected override void PostStop() => _audiences.Forget(Self, systemStopping: CoordinatedShutdown.Get(Context.System).ShutdownReason is not null);
}
