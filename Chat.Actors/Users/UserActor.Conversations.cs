using Akka.Actor;
using Chat.Actors.Accounts;
using Chat.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Delivery;
using Chat.Actors.Storage;

namespace Chat.Actors.Users;

/// <summary>This part: what the user says and reads, in rooms and in direct messages, and who others are.</summary>
public sealed partial class UserActor
{
    private sealed record DirectStored(DirectMessageRecord? Message, string To, RequestId? Re, IActorRef ReplyTo);
    private sealed record ReadStored(ReadMark Mark, RequestId? Re, IActorRef ReplyTo);

    private void ReceiveConversations()
    {
        Receive<SayInRoom>(OnSay);
        Receive<ListRoomMembers>(OnListMembers);
        Receive<SendDirectMessage>(OnSendDirect);
        Receive<DirectStored>(OnDirectStored);
        Receive<HistoryRequest>(OnHistory);
        Receive<MarkRead>(OnMarkRead);
        Receive<ReadStored>(OnReadStored);
        Receive<Whois>(OnWhois);
    }

    private void OnSay(SayInRoom say)
    {
        if (!MessageRules.TryNormalizeText(say.Text, _settings.MaxTextChars, out var text, out var problem))
            Sender.Tell(Error(ErrorCodes.BadText, problem!, say.Re));
        else if (RoomOf(say.Room) is not { } room)
            Sender.Tell(NotInRoom(say.Room, say.Re));
        else
            room.Tell(new PostMessage(Username, _state.Nickname, text, say.Re, Sender));
    }

    private void OnListMembers(ListRoomMembers list)
    {
        if (RoomOf(list.Room) is { } room)
            room.Tell(new ListMembers(list.Re, Sender));
        else
            Sender.Tell(NotInRoom(list.Room, list.Re));
    }

    private void OnSendDirect(SendDirectMessage send)
    {
        var session = Sender;
        if (!MessageRules.TryNormalizeText(send.Text, _settings.MaxTextChars, out var text, out var problem))
        {
            session.Tell(Error(ErrorCodes.BadText, problem!, send.Re));
            return;
        }
        if (!AccountRules.TryNormalizeUsername(send.To, out var to))
        {
            session.Tell(NoSuchUser(send.To, send.Re));
            return;
        }
        var message = new NewDirectMessage(Username, _state.Nickname, to, text, UtcClock.Now());
        _store.AppendDirectMessageAsync(message).PipeTo(
            Self,
            success: stored => new DirectStored(stored, to, send.Re, session),
            failure: WriteFailure("direct message", send.Re, session));
    }

    private void OnDirectStored(DirectStored stored)
    {
        if (stored.Message is not { } dm)
        {
            stored.ReplyTo.Tell(NoSuchUser(stored.To, stored.Re));
            return;
        }
        var frame = dm.ToFrame();
        var ack = new Ok { Re = stored.Re, Dm = dm.Id };
        // Every terminal of the sender shows the conversation too, the sending one included.
        DeliverToConnections(frame);
        if (dm.To == Username)
            OnDeliverDirect(new DeliverDirect(dm.Id, frame, ack, stored.ReplyTo), alreadyShown: true);
        else
            _users.Tell(new UserEnvelope(dm.To, new DeliverDirect(dm.Id, frame, ack, stored.ReplyTo)));
    }

    /// <summary>As the recipient: show the DM on every terminal, mark it delivered, and answer the sender with my away state.</summary>
    private void OnDeliverDirect(DeliverDirect delivery) => OnDeliverDirect(delivery, alreadyShown: false);

    private void OnDeliverDirect(DeliverDirect delivery, bool alreadyShown)
    {
        if (_state.IsOnline)
        {
            if (!alreadyShown)
                DeliverToConnections(delivery.Frame);
            Store("delivery mark", _store.MarkDeliveredAsync(Username, delivery.Id));
        }
        delivery.ReplyTo.Tell(delivery.Ack with { Away = _state.Away });
        // Started for this DM alone (the recipient is offline): done.
        IdleOnceRested();
    }

    private void OnHistory(HistoryRequest request)
    {
        var asker = Sender;
        if (ConversationNamed(request.Room, request.With, "a history request", request.Id, asker) is not { } named)
            return;
        var limit = Math.Clamp(request.Limit ?? _settings.HistoryPageSize, 1, _settings.MaxHistoryPageSize);
        var before = request.Before ?? long.MaxValue;
        var page = named.Room is { } room
            ? PageAsync(_store.RoomMessagesBeforeAsync(room, before, limit + 1), limit, m => m.ToFrame(), page => page with { Re = request.Id, Room = room })
            : PageAsync(_store.DirectMessagesBeforeAsync(Username, named.With!, before, limit + 1), limit, m => m.ToFrame(), page => page with { Re = request.Id, With = named.With });
        page.PipeTo(asker, failure: Unavailable("history", request.Id));
    }

    /// <summary>
    /// The conversation a request names: a room the user is in, or another user (both
    /// normalised). Null when it names neither, both, or one that is not there; the asker has
    /// then been told why.
    /// </summary>
    private (string? Room, string? With)? ConversationNamed(string? room, string? with, string request, RequestId? re, IActorRef asker)
    {
        if (room is null == with is null)
            asker.Tell(Error(ErrorCodes.BadFrame, $"{request} names either a room or a user (with)", re));
        else if (room is not null)
        {
            if (RoomRules.TryNormalizeRoomName(room, out var normalized) && _state.Room(normalized) is not null)
                return (normalized, null);
            asker.Tell(NotInRoom(room, re));
        }
        else if (AccountRules.TryNormalizeUsername(with, out var other))
            return (null, other);
        else
            asker.Tell(NoSuchUser(with!, re));
        return null;
    }

    /// <summary>A page from one more row than asked for: the extra, oldest row only tells that more exists.</summary>
    private static async Task<HistoryPage> PageAsync<T>(Task<IReadOnlyList<T>> read, int limit, Func<T, ServerFrame> toFrame, Func<HistoryPage, HistoryPage> label)
    {
        var rows = await read;
        var complete = rows.Count <= limit;
        return label(new HistoryPage(rows.Skip(complete ? 0 : rows.Count - limit).Select(toFrame).ToList(), complete));
    }

    private void OnMarkRead(MarkRead mark)
    {
        var session = Sender;
        if (ConversationNamed(mark.Room, mark.With, "mark_read", mark.Id, session) is not { } named)
            return;
        var (write, stored) = named.Room is { } room
            ? (_store.MarkRoomReadAsync(room, Username, mark.Upto), new ReadMark(mark.Upto) { Room = room })
            : (_store.MarkDirectReadAsync(Username, named.With!, mark.Upto), new ReadMark(mark.Upto) { With = named.With });
        write.PipeTo(Self,
            success: () => new ReadStored(stored, mark.Id, session),
            failure: WriteFailure("read mark", mark.Id, session));
    }

    private void OnReadStored(ReadStored stored)
    {
        stored.ReplyTo.Tell(new Ok { Re = stored.Re });
        // The user's other terminals clear the same unread count.
        DeliverToConnections(stored.Mark);
    }

    private void OnWhois(Whois whois)
    {
        if (!AccountRules.TryNormalizeUsername(whois.User, out var user))
            Sender.Tell(NoSuchUser(whois.User, whois.Id));
        else if (user == Username)
            Sender.Tell(WhoisMe(whois.Id));
        else
            _users.Tell(new UserEnvelope(user, new WhoisQuery(whois.Id, Sender)));
    }

    /// <summary>
    /// Another user asks who I am. Offline, and not seen going offline by this actor (it was
    /// started for the question), the store knows when I was last seen.
    /// </summary>
    private void OnWhoisQuery(WhoisQuery query)
    {
        if (_state.IsOnline || _state.LastSeen is not null)
            query.ReplyTo.Tell(WhoisMe(query.Re));
        else
            _store.FindAccountAsync(Username).PipeTo(
                query.ReplyTo,
                success: account => account is null
                    ? NoSuchUser(Username, query.Re)
                    : new WhoisInfo(account.Username, account.Nickname, Online: false) { Re = query.Re, Since = account.LastSeen },
                failure: _ => Error(ErrorCodes.Unavailable, "the account could not be read; try again", query.Re));
        IdleOnceRested();
    }

    private WhoisInfo WhoisMe(RequestId? re) =>
        new(Username, _state.Nickname, _state.IsOnline)
        {
            Re = re,
            Away = _state.IsOnline ? _state.Away : null,
            Since = _state.IsOnline ? _state.Since : _state.LastSeen,
        };

    private IActorRef? RoomOf(string name) =>
        RoomRules.TryNormalizeRoomName(name, out var room) ? _state.Room(room) : null;

    private static ErrorReply NotInRoom(string room, RequestId? re) => Error(ErrorCodes.NotInRoom, $"you are not in {room}", re);

    private static ErrorReply NoSuchUser(string user, RequestId? re) => Error(ErrorCodes.NoSuchUser, $"there is no user \"{user}\"", re);
}
