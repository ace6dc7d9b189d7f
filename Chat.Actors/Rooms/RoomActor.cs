using Akka.Actor;
using Akka.Event;
using Chat.Actors.Protocol;
using Chat.Actors.Sessions;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>
/// One room. Numbers each message, has it stored, and only after the commit acknowledges it to
/// the sender and fans it out, serialised once, to every member's user actor. Members are
/// watched: a user actor that stops has left.
/// </summary>
public sealed class RoomActor : ReceiveActor, IWithStash
{
    private sealed record SeqLoaded(long LastSeq);
    private sealed record MessageCommitted(long Seq);
    private sealed record MessageFailed(long Seq, Exception Reason);

    private readonly string _name;
    private readonly IChatStore _store;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RoomState _state = null!;

    public RoomActor(string name, IChatStore store)
    {
        _name = name;
        _store = store;
        Loading();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(string name, IChatStore store) => Akka.Actor.Props.Create(() => new RoomActor(name, store));

    protected override void PreStart() =>
        _store.LastRoomSeqAsync(_name).PipeTo(Self, success: seq => new SeqLoaded(seq));

    private void Loading()
    {
        Receive<SeqLoaded>(loaded =>
        {
            _state = new RoomState(_name, loaded.LastSeq);
            Become(Open);
            Stash.UnstashAll();
        });
        Receive<Status.Failure>(failure => throw new InvalidOperationException($"room {_name}: cannot read its last sequence number", failure.Cause));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Open()
    {
        Receive<JoinRoom>(OnJoin);
        Receive<LeaveRoom>(leave => AnnounceLeft(_state.Leave(leave.Username)));
        Receive<Terminated>(t => AnnounceLeft(_state.LeaveByActor(t.ActorRef)));
        Receive<RenameMember>(OnRename);
        Receive<ListMembers>(list => list.ReplyTo.Tell(new Roster(_name, _state.Roster()) { Re = list.Re }));
        Receive<PostMessage>(OnPost);
        Receive<MessageCommitted>(committed => Deliver(_state.Commit(committed.Seq)));
        Receive<MessageFailed>(OnFailed);
    }

    private void OnJoin(JoinRoom join)
    {
        if (!_state.Join(new RoomMember(join.Username, join.Nickname, join.User)))
            return;
        Context.Watch(join.User);
        Broadcast(new Joined(_name, join.Username, join.Nickname));
    }

    private void AnnounceLeft(RoomMember? member)
    {
        if (member is null)
            return;
        Context.Unwatch(member.User);
        Broadcast(new Left(_name, member.Username, member.Nickname));
    }

    private void OnRename(RenameMember rename)
    {
        var old = _state.Rename(rename.Username, rename.Nickname);
        if (old is not null)
            Broadcast(new NickChanged(rename.Username, old, rename.Nickname));
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
            var record = message.Record;
            Broadcast(new ChatMessage(_name, record.Username, record.Nickname, record.Text, record.Seq, record.Ts));
            message.ReplyTo.Tell(new Ok { Re = message.Re, Seq = record.Seq });
        }
    }

    private void Broadcast(ServerFrame frame)
    {
        var encoded = EncodedFrame.Of(frame);
        foreach (var member in _state.Members)
            member.User.Tell(encoded);
    }
}
