using Akka.Actor;
using Chat.Actors.Accounts;
using Chat.Actors.Delivery;
using Chat.Actors.Replies;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>A stored DM (null: the recipient does not exist, or <see cref="Failed"/>: not stored), back at the sender's user actor.</summary>
public sealed record DirectStored(DirectMessageRecord? Message, string To, RequestId? Re, IActorRef ReplyTo)
{
    public WriteFailed? Failed { get; init; }
    /// <summary>Sent as a notice: said so live (the store keeps it as a message).</summary>
    public bool Notice { get; init; }
}

/// <summary>A stored read mark, back at the user actor.</summary>
public sealed record ReadStored(ReadMark Mark, RequestId? Re, IActorRef ReplyTo);

/// <summary>An ignore or unignore is stored (<paramref name="Found"/>: false when the other has no account).</summary>
public sealed record IgnoreStored(string Other, bool Ignore, bool Found, RequestId? Re, IActorRef ReplyTo);

/// <summary>
/// What the user says and reads, in rooms and in direct messages, and who others are: the user
/// actor's handlers for them. Each takes the user's current state; none changes it.
/// </summary>
public sealed class UserConversations(IActorRef self, IActorRef users, IChatStore store, ChatSettings settings, StoreWrites writes)
{
    public void Say(UserState state, IActorRef? room, SayInRoom say, IActorRef asker)
    {
        if (!MessageRules.TryNormalizeText(say.Text, settings.MaxTextChars, out var text, out var problem))
            asker.Tell(Error(ErrorCodes.BadText, problem!, say.Re));
        else if (room is null)
            asker.Tell(NotInRoom(say.Room, say.Re));
        else
            room.Tell(new PostMessage(state.Username, state.Nickname, text, say.Re, asker) { Notice = say.Notice });
    }

    /// <summary>Private rooms are listed only to their members and to host operators.</summary>
    public void ListRooms(UserState state, ListRooms list, IActorRef asker) => store.ListRoomsAsync().PipeTo(
        asker,
        success: rooms => ReplyBudget.Bounded(
            new RoomList(rooms.Where(r => !r.Private || state.HostOperator || state.Rooms.Contains(r.Room)).Select(r => new RoomInfo(r.Room, r.Members)).ToList()) { Re = list.Id },
            settings.MaxReplyBytes),
        failure: writes.ReadFailure("room list", list.Id));

    /// <summary>Through the room directory, to the room (being in it is not needed: a host operator rules every room), which decides.</summary>
    public static void Moderate(UserState state, IActorRef rooms, RoomModerationFrame frame, IActorRef asker)
    {
        if (!RoomRules.TryNormalizeRoomName(frame.Room, out var room))
            asker.Tell(Error(ErrorCodes.BadRoom, "a room name is 2 to 32 of a-z, 0-9, _ and -", frame.Id));
        else
            rooms.Tell(new RoomEnvelope(room, new ModerateRoom(new Moderator(state.Username, state.HostOperator), frame.ToRequest(), frame.Id, asker)));
    }

    /// <summary>A room that keeps the user out (banned, not invited) is no longer theirs: its stored membership goes.</summary>
    public void ForgetIfRefused(UserState state, RoomUnavailable unavailable)
    {
        if (unavailable.Refused)
            writes.Fire("room membership", store.RemoveRoomMemberAsync(unavailable.Room, state.Username));
    }

    public static void ListMembers(IActorRef? room, ListRoomMembers list, IActorRef asker, ClientConnection? requester)
    {
        if (room is not null)
            room.Tell(new ListMembers(list.Re, asker, requester));
        else
            asker.Tell(NotInRoom(list.Room, list.Re));
    }

    public void SendDirect(UserState state, SendDirectMessage send, IActorRef asker)
    {
        if (!MessageRules.TryNormalizeText(send.Text, settings.MaxTextChars, out var text, out var problem))
        {
            asker.Tell(Error(ErrorCodes.BadText, problem!, send.Re));
            return;
        }
        if (!AccountRules.TryNormalizeUsername(send.To, out var to))
        {
            asker.Tell(NoSuchUser(send.To, send.Re));
            return;
        }
        var message = new NewDirectMessage(state.Username, state.Nickname, to, text, UtcClock.Now());
        // In flight until it comes back: an actor handing off or passivating waits for it, so a
        // committed DM always reaches its recipient's actor and its sender's terminal.
        writes.Began();
        var failure = writes.Failure("direct message", send.Re, asker);
        store.AppendDirectMessageAsync(message).PipeTo(
            self,
            success: stored => new DirectStored(stored, to, send.Re, asker) { Notice = send.Notice },
            failure: reason => new DirectStored(null, to, send.Re, asker) { Failed = (WriteFailed)failure(reason) });
    }

    /// <summary>
    /// Every terminal of the sender shows the DM, the sending one included; then it goes to the
    /// recipient's user actor, whose answer comes back here (<paramref name="acknowledgements"/>);
    /// an actor <paramref name="handingOff"/> stops next, so it acknowledges the stored DM at once.
    /// </summary>
    public void OnDirectStored(UserState state, DirectStored stored, DirectAcknowledgements acknowledgements, bool handingOff)
    {
        if (stored.Failed is { } failed)
        {
            stored.ReplyTo.Tell(failed.ToReply());
            return;
        }
        if (stored.Message is not { } dm)
        {
            stored.ReplyTo.Tell(NoSuchUser(stored.To, stored.Re));
            return;
        }
        var frame = dm.ToFrame() with { Notice = stored.Notice ? true : null };
        var ack = new Ok { Re = stored.Re, Dm = dm.Id };
        state.Connections.Values.Send(frame);
        if (dm.To == state.Username)
        {
            DeliverDirect(state, new DeliverDirect(dm.Id, frame, ack, stored.ReplyTo), alreadyShown: true);
            return;
        }
        acknowledgements.Wait(dm.Id, ack, stored.ReplyTo);
        users.Tell(new UserEnvelope(dm.To, new DeliverDirect(dm.Id, frame, ack, self)));
        if (handingOff)
            acknowledgements.AcknowledgeAll();
    }

    /// <summary>As the recipient: show the DM on every terminal, mark it delivered, and answer the sender with my away state.</summary>
    public void DeliverDirect(UserState state, DeliverDirect delivery, bool alreadyShown = false)
    {
        if (state.IsOnline)
        {
            // Marked delivered once a connection took it (DirectMessagesWritten), not before.
            if (alreadyShown)
                writes.Fire("delivery mark", store.MarkDeliveredAsync(state.Username, delivery.Id));
            else
                state.Connections.Values.SendDirectMessages(Outbound.Encode(delivery.Frame), delivery.Id, self);
        }
        delivery.ReplyTo.Tell(delivery.Ack with { Away = state.Away });
    }

    public void History(UserState state, HistoryRequest request, IActorRef asker)
    {
        if (HistoryPages.Problem(request) is { } problem)
        {
            asker.Tell(Error(ErrorCodes.BadFrame, problem, request.Id));
            return;
        }
        if (ConversationNamed(state, request.Room, request.With, "a history request", request.Id, asker) is not { } named)
            return;
        _pages.ReadAsync(request, state.Username, named.Room, named.With).PipeTo(asker, failure: writes.ReadFailure("history", request.Id));
    }

    private readonly HistoryPages _pages = new(store, settings);

    /// <summary>The newest messages of a conversation the user may read with every word of the text, bounded in count and bytes.</summary>
    public void Search(UserState state, SearchRequest search, IActorRef asker)
    {
        if (string.IsNullOrWhiteSpace(search.Text) || search.Text.Length > settings.MaxTextChars)
        {
            asker.Tell(Error(ErrorCodes.BadText, "a search needs a word or more, at most as long as a message", search.Id));
            return;
        }
        if (ConversationNamed(state, search.Room, search.With, "a search", search.Id, asker) is not { } named)
            return;
        var limit = Math.Clamp(search.Limit ?? DefaultSearchHits, 1, MaxSearchHits);
        var found = named.Room is { } room
            ? FoundAsync(store.SearchRoomAsync(room, search.Text, limit + 1), limit, m => m.ToFrame(), found => found with { Re = search.Id, Room = room })
            : FoundAsync(store.SearchDirectAsync(state.Username, named.With!, search.Text, limit + 1), limit, m => m.ToFrame(), found => found with { Re = search.Id, With = named.With });
        found.PipeTo(asker, failure: writes.ReadFailure("search", search.Id));
    }

    private const int DefaultSearchHits = 20;
    private const int MaxSearchHits = 50;

    /// <summary>Hits come newest first, one more than asked for to know that more exist; they go out oldest first, within the reply budget.</summary>
    private async Task<SearchResults> FoundAsync<T>(Task<IReadOnlyList<T>> read, int limit, Func<T, ServerFrame> toFrame, Func<SearchResults, SearchResults> label)
    {
        var hits = await read;
        var frames = hits.Take(limit).Reverse().Select(toFrame).ToList();
        var kept = ReplyBudget.NewestWithin(frames, EncodedSize.Of, settings.MaxReplyBytes);
        var more = hits.Count > limit || kept < frames.Count;
        return label(new SearchResults(frames.Skip(frames.Count - kept).ToList()) { More = more ? true : null });
    }

    /// <summary>
    /// The conversation a request names: a room the user is in, or another user (both
    /// normalised). Null when it names neither, both, or one that is not there; the asker has
    /// then been told why.
    /// </summary>
    private static (string? Room, string? With)? ConversationNamed(UserState state, string? room, string? with, string request, RequestId? re, IActorRef asker)
    {
        if (room is null == with is null)
            asker.Tell(Error(ErrorCodes.BadFrame, $"{request} names either a room or a user (with)", re));
        else if (room is not null)
        {
            if (RoomRules.TryNormalizeRoomName(room, out var normalized) && state.Rooms.Contains(normalized))
                return (normalized, null);
            asker.Tell(NotInRoom(room, re));
        }
        else if (AccountRules.TryNormalizeUsername(with, out var other))
            return (null, other);
        else
            asker.Tell(NoSuchUser(with!, re));
        return null;
    }

    /// <summary>
    /// What a user coming online is shown before any room's page: the unread counts, then the
    /// oldest waiting DMs, as many as one reply's budget holds (the rest stay undelivered: the
    /// unread counts name their conversation, and history pages them). They are marked delivered
    /// once a connection took them.
    /// </summary>
    public void HandOutArrival(UserState state, Arrived arrived)
    {
        var terminals = state.Connections.Values;
        terminals.Send(ReplyBudget.Bounded(arrived.Unread, settings.MaxReplyBytes));
        // Only when there is one: a client that ignores nobody sees the arrival it always saw.
        if (!arrived.Ignored.IsEmpty)
            terminals.Send(new IgnoreList([.. arrived.Ignored]));
        var waiting = arrived.Undelivered.Select(dm => Outbound.Encode(dm.ToFrame())).ToList();
        var fits = ReplyBudget.FirstWithin(waiting, frame => frame.Length, settings.MaxReplyBytes);
        if (fits > 0)
            terminals.SendDirectMessages([.. waiting.Take(fits).SelectMany(frame => frame)], arrived.Undelivered[fits - 1].Id, self);
    }

    /// <summary>Bounds the list a login sends: a frame of 500 usernames is far below a reply's budget.</summary>
    public const int MaxIgnored = 500;

    public void ChangeIgnore(UserState state, ChangeIgnore change, IActorRef asker)
    {
        if (!AccountRules.TryNormalizeUsername(change.User, out var other))
            asker.Tell(NoSuchUser(change.User, change.Re));
        else if (other == state.Username)
            asker.Tell(Error(ErrorCodes.BadTarget, "you cannot ignore yourself", change.Re));
        else if (change.Ignore && !state.Ignored.Contains(other) && state.Ignored.Count >= MaxIgnored)
            asker.Tell(Error(ErrorCodes.BadTarget, $"you ignore {MaxIgnored} users already: unignore one first", change.Re));
        else
        {
            // In flight until it comes back, as a DM is: the actor answers before it stops.
            writes.Began();
            store.SetIgnoredAsync(state.Username, other, change.Ignore).PipeTo(
                self,
                success: found => new IgnoreStored(other, change.Ignore, found, change.Re, asker),
                failure: writes.Failure("ignore list", change.Re, asker));
        }
    }

    /// <summary>Every terminal gets the new list: the client hides what the ignored say (see architecture.md).</summary>
    public static UserState OnIgnoreStored(UserState state, IgnoreStored stored)
    {
        if (!stored.Found)
        {
            stored.ReplyTo.Tell(NoSuchUser(stored.Other, stored.Re));
            return state;
        }
        state = state with { Ignored = stored.Ignore ? state.Ignored.Add(stored.Other) : state.Ignored.Remove(stored.Other) };
        stored.ReplyTo.Tell(new Ok { Re = stored.Re, User = stored.Other });
        state.Connections.Values.Send(new IgnoreList([.. state.Ignored]));
        return state;
    }

    /// <summary>What a further terminal gets before its pages: its unread counts, and the ignore list when there is one.</summary>
    public static void HandOutToTerminal(UserState state, ClientConnection terminal, Unread unread)
    {
        terminal.Send(unread);
        if (!state.Ignored.IsEmpty)
            terminal.Send(new IgnoreList([.. state.Ignored]));
    }

    public void MarkRead(UserState state, MarkRead mark, IActorRef asker)
    {
        if (ConversationNamed(state, mark.Room, mark.With, "mark_read", mark.Id, asker) is not { } named)
            return;
        var (write, stored) = named.Room is { } room
            ? (store.MarkRoomReadAsync(room, state.Username, mark.Upto), new ReadMark(mark.Upto) { Room = room })
            : (store.MarkDirectReadAsync(state.Username, named.With!, mark.Upto), new ReadMark(mark.Upto) { With = named.With });
        writes.Began();
        write.PipeTo(self,
            success: () => new ReadStored(stored, mark.Id, asker),
            failure: writes.Failure("read mark", mark.Id, asker));
    }

    /// <summary>Takes a DM conversation off the user's kept list; answered once stored.</summary>
    public void Close(UserState state, CloseConversation close, IActorRef asker)
    {
        if (!AccountRules.TryNormalizeUsername(close.With, out var other))
        {
            asker.Tell(NoSuchUser(close.With, close.Id));
            return;
        }
        var failed = writes.Failure("closed conversation", close.Id, asker);
        store.CloseDirectAsync(state.Username, other).PipeTo(
            asker,
            success: () => new Ok { Re = close.Id },
            failure: reason => ((WriteFailed)failed(reason)).ToReply());
    }

    public static void OnReadStored(UserState state, ReadStored stored)
    {
        stored.ReplyTo.Tell(new Ok { Re = stored.Re });
        // The user's other terminals clear the same unread count.
        state.Connections.Values.Send(stored.Mark);
    }

    public void Whois(UserState state, Whois whois, IActorRef asker)
    {
        if (!AccountRules.TryNormalizeUsername(whois.User, out var user))
            asker.Tell(NoSuchUser(whois.User, whois.Id));
        else if (user == state.Username)
            asker.Tell(WhoisMe(state, whois.Id));
        else
            users.Tell(new UserEnvelope(user, new WhoisQuery(whois.Id, asker)));
    }

    /// <summary>
    /// Another user asks who I am. Offline, and not seen going offline by this actor (it was
    /// started for the question), the store knows when I was last seen.
    /// </summary>
    public void OnWhoisQuery(UserState state, WhoisQuery query)
    {
        if (state.IsOnline || state.LastSeen is not null)
            query.ReplyTo.Tell(WhoisMe(state, query.Re));
        else
            store.FindAccountAsync(state.Username).PipeTo(
                query.ReplyTo,
                success: account => account is null
                    ? NoSuchUser(state.Username, query.Re)
                    : new WhoisInfo(account.Username, account.Nickname, Online: false) { Re = query.Re, Since = account.LastSeen },
                failure: _ => Error(ErrorCodes.Unavailable, "the account could not be read; try again", query.Re));
    }

    private static WhoisInfo WhoisMe(UserState state, RequestId? re) =>
        new(state.Username, state.Nickname, state.IsOnline)
        {
            Re = re,
            Away = state.IsOnline ? state.Away : null,
            Since = state.IsOnline ? state.Since : state.LastSeen,
        };

    public static ErrorReply Error(string code, string message, RequestId? re) => new(code, message) { Re = re };

    public static ErrorReply NotInRoom(string room, RequestId? re) => Error(ErrorCodes.NotInRoom, $"you are not in {room}", re);

    private static ErrorReply NoSuchUser(string user, RequestId? re) => Error(ErrorCodes.NoSuchUser, $"there is no user \"{user}\"", re);
}
