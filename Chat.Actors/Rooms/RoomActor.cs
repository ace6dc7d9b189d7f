using System.Diagnostics;
using Chat.Actors.Telemetry;
using Akka.Actor;
using Akka.Event;
using Chat.Protocol;
using Chat.Actors.Replies;
using Chat.Actors.Sessions;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>
/// One room. Numbers each message, has it stored, and only after the commit fans it out,
/// serialised once, to every member's connections and acknowledges it to the sender. Members
/// are watched: a user actor that stops has left. Keeps the newest page of history in memory so
/// a joining member gets it with no gap before the live messages.
/// </summary>
/// <remarks>
/// A busy room fans out at most once per fan-out interval (longer the more members it has), all
/// messages committed since the last one together: the cost of a fan-out is a socket write per
/// member, so this is what lets a big room carry many messages a second. A message to a quiet
/// room goes at once.
/// The room writes to its members' connection outputs itself rather than through their user and
/// session actors: two actor messages per member per fan-out cost more than the socket write.
/// The outputs are the transport's thread-safe queues of immutable bytes; the page a member gets
/// on entering is written the same way, so page and live messages share one path.
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

    private sealed record Loaded(long LastSeq, IReadOnlyList<RoomMessageRecord> Newest);
    private sealed record LoadFailed(Exception Reason);
    private sealed record RetryLoad
    {
        public static readonly RetryLoad Instance = new();
    }
    private sealed record MessageCommitted(long Seq);
    private sealed record MessageFailed(long Seq, Exception Reason);
    private sealed record FanOutDue
    {
        public static readonly FanOutDue Instance = new();
    }

    private readonly string _name;
    private readonly IChatStore _store;
    private readonly ChatSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly FanOutBatch _batch = new();
    private TimeSpan? _lastFanOut;
    private TimeSpan _loadRetry = FirstLoadRetry;
    private RoomState _state = null!;

    public RoomActor(string name, IChatStore store, ChatSettings settings)
    {
        _name = name;
        _store = store;
        _settings = settings;
        Loading();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string name, IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new RoomActor(name, store, settings));

    protected override void PreStart() => Load();

    private void Load() => LoadAsync().PipeTo(Self, failure: reason => new LoadFailed(reason));

    private async Task<Loaded> LoadAsync()
    {
        // One more than a page tells whether anything older exists.
        var newest = await _store.RoomMessagesBeforeAsync(_name, long.MaxValue, _settings.HistoryPageSize + 1);
        return new Loaded(await _store.LastRoomSeqAsync(_name), newest);
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
            var recent = new RecentMessages(_settings.HistoryPageSize, loaded.Newest, storeHasOlder: loaded.Newest.Count > _settings.HistoryPageSize);
            _state = new RoomState(_name, loaded.LastSeq, recent);
            Become(Open);
            Stash.UnstashAll();
        });
        Receive<LoadFailed>(failed =>
        {
            _log.Error(failed.Reason, "room {0}: cannot load its history; {1} requests wait; trying again in {2}", _name, Stash.Count, _loadRetry);
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
        var refusal = FrameCodec.Server.Encode(new ErrorReply(ErrorCodes.Unavailable, $"{_name} cannot be entered now: its history could not be read; join it again later") { Re = join.Re });
        foreach (var output in join.Requester is { } requester ? [requester] : join.Outputs)
            output.Write(refusal);
        join.User.Tell(new RoomUnavailable(_name));
    }

    private void Open()
    {
        // What changes who hears what, or is heard itself, first sends what is waiting: members
        // hear messages and events in the order they happened, and a joiner's page (which holds
        // every committed message) never overlaps what the room still has to send.
        ReceiveAfterFanOut<JoinRoom>(OnJoin);
        ReceiveAfterFanOut<LeaveRoom>(leave => AnnounceLeft(leave.Username));
        ReceiveAfterFanOut<Terminated>(t => AnnounceLeft(_state.MemberByActor(t.ActorRef)?.Username));
        ReceiveAfterFanOut<RenameMember>(OnRename);
        ReceiveAfterFanOut<SetPresence>(OnPresence);
        ReceiveAfterFanOut<MemberConnections>(OnMemberConnections);
        Receive<ListMembers>(list => list.ReplyTo.Tell(ReplyBudget.Bounded(new Roster(_name, _state.Roster()) { Re = list.Re }, _settings.MaxReplyBytes)));
        Receive<PostMessage>(OnPost);
        Receive<MessageCommitted>(committed => Enqueue(_state.Commit(committed.Seq)));
        Receive<MessageFailed>(OnFailed);
        Receive<FanOutDue>(_ => FanOut());
    }

    private void ReceiveAfterFanOut<T>(Action<T> handle) => Receive<T>(message =>
    {
        FanOut();
        handle(message);
    });

    private void OnJoin(JoinRoom join)
    {
        var isNew = _state.Join(new RoomMember(join.Username, join.Nickname, join.User, join.Outputs) { Away = join.Away });
        if (join.Requester is { } requester)
            requester.Write(FrameCodec.Server.Encode(new Ok { Re = join.Re, Room = _name }));
        if (!isNew)
            OnMemberConnections(new MemberConnections(join.Username, join.Outputs));
        else
            WritePage(join.Outputs);
        join.User.Tell(new RoomEntered(_name, Self));
        if (!isNew)
            return;
        Context.Watch(join.User);
        Broadcast(new Joined(_name, join.Username, join.Nickname));
    }

    /// <summary>A connection the room did not write to before gets the page first, so it too sees no gap.</summary>
    private void OnMemberConnections(MemberConnections connections)
    {
        if (_state.Member(connections.Username) is not { } member)
            return;
        _state.Reconnect(connections.Username, connections.Outputs);
        WritePage(connections.Outputs.Except(member.Outputs).ToList());
    }

    /// <summary>The page is written ahead of anything broadcast after it: same writer, same outputs.</summary>
    private void WritePage(IReadOnlyList<IConnectionOutput> outputs)
    {
        if (outputs.Count == 0)
            return;
        var page = RecentPage();
        foreach (var output in outputs)
            output.Write(page);
    }

    private void AnnounceLeft(string? username)
    {
        if (username is null || _state.Member(username) is not { } member)
            return;
        // Said before removing, so the leaver's other terminals hear it too.
        Broadcast(new Left(_name, member.Username, member.Nickname));
        _state.Leave(username);
        Context.Unwatch(member.User);
    }

    private void OnRename(RenameMember rename)
    {
        var old = _state.Rename(rename.Username, rename.Nickname);
        if (old is not null)
            Broadcast(new NickChanged(rename.Username, old, rename.Nickname));
    }

    private void OnPresence(SetPresence presence)
    {
        if (_state.SetAway(presence.Username, presence.Away) is { } member)
            Broadcast(new Presence(member.Username, member.Nickname) { Away = member.Away });
    }

    private void OnPost(PostMessage post)
    {
        if (!_state.IsMember(post.Username))
        {
            post.ReplyTo.Tell(new ErrorReply(ErrorCodes.NotInRoom, $"you are not in {_name}") { Re = post.Re });
            return;
        }
        var pending = _state.Accept(post.Username, post.Nickname, post.Text, UtcClock.Now(), post.Re, post.ReplyTo);
        var seq = pending.Record.Seq;
        _store.AppendRoomMessageAsync(pending.Record).PipeTo(
            Self,
            success: () => new MessageCommitted(seq),
            failure: reason => new MessageFailed(seq, reason));
    }

    private void OnFailed(MessageFailed failed)
    {
        var (message, deliverable) = _state.Fail(failed.Seq);
        if (message is not null)
        {
            _log.Error(failed.Reason, "room {0}: message {1} was not stored", _name, failed.Seq);
            message.ReplyTo.Tell(new ErrorReply(ErrorCodes.Unavailable, "the message could not be stored; try again") { Re = message.Re });
        }
        Enqueue(deliverable);
    }

    /// <summary>Adds committed messages to the batch; fans out now if the last fan-out is an interval ago, else when it is.</summary>
    private void Enqueue(IReadOnlyList<PendingMessage> committed)
    {
        if (committed.Count == 0)
            return;
        foreach (var message in committed)
        {
            _batch.Add(message);
            // One write per member must fit what a connection may queue (FrameBounds counts on this).
            if (_batch.Bytes >= _settings.MaxReplyBytes)
                FanOut();
        }
        if (_batch.IsEmpty)
            return;
        var interval = _settings.FanOutIntervalPerThousandMembers * _state.Members.Count / 1000;
        var wait = _lastFanOut is { } last ? interval - (MonotonicClock.Now() - last) : TimeSpan.Zero;
        if (wait <= TimeSpan.Zero)
            FanOut();
        else if (!Timers.IsTimerActive(nameof(FanOutDue)))
            Timers.StartSingleTimer(nameof(FanOutDue), FanOutDue.Instance, wait);
    }

    private void FanOut()
    {
        if (_batch.IsEmpty)
            return;
        Timers.Cancel(nameof(FanOutDue));
        _lastFanOut = MonotonicClock.Now();
        var (frames, messages) = _batch.Take();
        var started = Stopwatch.GetTimestamp();
        WriteToMembers(frames);
        ChatMetrics.FanOutDone(started, messages.Length, _state.Members.Sum(m => m.Outputs.Count));
        foreach (var message in messages)
            message.ReplyTo.Tell(new Ok { Re = message.Re, Seq = message.Record.Seq });
    }

    private ReadOnlyMemory<byte> RecentPage() =>
        FrameCodec.Server.Encode(ReplyBudget.Bounded(
            new HistoryPage(_state.Recent.Messages.Select(m => (ServerFrame)m.ToFrame()).ToList(), Complete: !_state.Recent.HasOlder) { Room = _name },
            _settings.MaxReplyBytes));

    private void Broadcast(ServerFrame frame) => WriteToMembers(FrameCodec.Server.Encode(frame));

    private void WriteToMembers(ReadOnlyMemory<byte> frames)
    {
        foreach (var member in _state.Members)
            foreach (var output in member.Outputs)
                output.Write(frames);
    }
}
