using Akka.Actor;
using Akka.Event;
using Chat.Actors.Protocol;
using Chat.Actors.Sessions;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>
/// One room. Numbers each message, has it stored, and only after the commit acknowledges it to
/// the sender and fans it out, serialised once, to every member's user actor. Members are
/// watched: a user actor that stops has left. Keeps the newest page of history in memory so
/// a joining member gets it with no gap before the live messages.
/// </summary>
public sealed class RoomActor : ReceiveActor, IWithStash
{
    private sealed record Loaded(long LastSeq, IReadOnlyList<RoomMessageRecord> Newest);
    private sealed record MessageCommitted(long Seq);
    private sealed record MessageFailed(long Seq, Exception Reason);

    private readonly string _name;
    private readonly IChatStore _store;
    private readonly ChatSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RoomState _state = null!;

    public RoomActor(string name, IChatStore store, ChatSettings settings)
    {
        _name = name;
        _store = store;
        _settings = settings;
        Loading();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(string name, IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new RoomActor(name, store, settings));

    protected override void PreStart() => LoadAsync().PipeTo(Self);

    private async Task<Loaded> LoadAsync()
    {
        // One more than a page tells whether anything older exists.
        var newest = await _store.RoomMessagesBeforeAsync(_name, long.MaxValue, _settings.HistoryPageSize + 1);
        return new Loaded(await _store.LastRoomSeqAsync(_name), newest);
    }

    private void Loading()
    {
        Receive<Loaded>(loaded =>
        {
            var recent = new RecentMessages(_settings.HistoryPageSize, loaded.Newest, storeHasOlder: loaded.Newest.Count > _settings.HistoryPageSize);
            _state = new RoomState(_name, loaded.LastSeq, recent);
            Become(Open);
            Stash.UnstashAll();
        });
        Receive<Status.Failure>(failure => throw new InvalidOperationException($"room {_name}: cannot load its history", failure.Cause));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Open()
    {
        Receive<JoinRoom>(OnJoin);
        Receive<LeaveRoom>(leave => AnnounceLeft(leave.Username));
        Receive<Terminated>(t => AnnounceLeft(_state.MemberByActor(t.ActorRef)?.Username));
        Receive<RenameMember>(OnRename);
        Receive<SetPresence>(OnPresence);
        Receive<SendRecent>(send => send.Session.Tell(RecentPage()));
        Receive<ListMembers>(list => list.ReplyTo.Tell(new Roster(_name, _state.Roster()) { Re = list.Re }));
        Receive<PostMessage>(OnPost);
        Receive<MessageCommitted>(committed => Deliver(_state.Commit(committed.Seq)));
        Receive<MessageFailed>(OnFailed);
    }

    private void OnJoin(JoinRoom join)
    {
        var isNew = _state.Join(new RoomMember(join.Username, join.Nickname, join.User) { Away = join.Away });
        // The page goes to the user actor ahead of anything broadcast after it: same sender, same path.
        join.User.Tell(new RoomEntered(_name, Self, RecentPage(), join.Re, join.ReplyTo));
        if (!isNew)
            return;
        Context.Watch(join.User);
        Broadcast(new Joined(_name, join.Username, join.Nickname));
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
        Deliver(deliverable);
    }

    private void Deliver(IReadOnlyList<PendingMessage> committed)
    {
        foreach (var message in committed)
        {
            Broadcast(message.Record.ToFrame());
            message.ReplyTo.Tell(new Ok { Re = message.Re, Seq = message.Record.Seq });
        }
    }

    private EncodedFrame RecentPage() =>
        EncodedFrame.Of(new HistoryPage(_state.Recent.Messages.Select(m => (ServerFrame)m.ToFrame()).ToList(), Complete: !_state.Recent.HasOlder) { Room = _name });

    private void Broadcast(ServerFrame frame)
    {
        var encoded = EncodedFrame.Of(frame);
        foreach (var member in _state.Members)
            member.User.Tell(encoded);
    }
}
