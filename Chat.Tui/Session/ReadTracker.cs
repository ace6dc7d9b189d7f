using System.Diagnostics;
using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>
/// What the user has seen: the conversation on screen, unread counts, read marks sent to the
/// host, and the history pages that fill a conversation from above. The host remembers; this
/// shows what it says and tells it what was read.
/// </summary>
public sealed class ReadTracker(ChatState state, HostLink link, HostRequests requests, SessionOptions options)
{
    // Between the "unread" frame and the first room page the host delivers the DMs that waited
    // for this login; the unread frame has counted them already.
    public bool Arriving { get; private set; }

    /// <summary>Puts a conversation on screen: nothing in it is unread, and a DM asks for the page before what it shows, once.</summary>
    public void Select(Conversation conversation)
    {
        var conversations = state.Conversations;
        if (!conversations.Contains(conversation))
            return;
        var changed = conversations.Current != conversation || conversation.Unread != 0;
        conversations.Current = conversation;
        MarkViewed(conversation);
        // A DM that shows only what arrived live (the DMs that waited for this login) has older lines to show too.
        if (conversation.IsDirect && !conversation.HistoryAsked)
            LoadOlder(conversation);
        if (changed)
            state.RaiseChanged();
    }

    /// <summary>
    /// Adds a live line the host numbered; someone else's counts as unread unless the user is
    /// looking at it, or the host already counted it (the backlog delivered at login).
    /// </summary>
    public void AddIncoming(Conversation conversation, long id, ChatLine line, bool fromMe, bool counted = false)
    {
        if (!conversation.AddOnce(id, line))
        {
            if (!conversation.AtLiveEnd)
                state.RaiseChanged(); // the chat's title counts what came meanwhile
            return;
        }
        if (conversation == state.Current)
            MarkViewed(conversation);
        else if (!fromMe && !counted)
            conversation.Unread++;
        state.RaiseChanged();
    }

    /// <summary>
    /// Asks for the page before the oldest line loaded (the newest page when nothing is). Does
    /// nothing once the beginning is shown or while a page is on its way.
    /// </summary>
    public void LoadOlder(Conversation conversation)
    {
        if (conversation.HistoryComplete || conversation.HistoryPending || !link.IsConnected)
            return;
        conversation.HistoryPending = true;
        conversation.HistoryAsked = true;
        AskPage(conversation, new HistoryRequest(conversation.Room, conversation.Peer, conversation.OldestId), "older messages", () => conversation.HistoryPending = false);
    }

    /// <summary>
    /// Asks for the page after the newest line loaded, while the conversation shows the middle of
    /// history (PgDn at its bottom); the page that reaches the newest line brings it back live.
    /// </summary>
    public void LoadNewer(Conversation conversation)
    {
        if (conversation.AtLiveEnd || conversation.NewerPending || conversation.NewestLoadedId is not { } newest || !link.IsConnected)
            return;
        conversation.NewerPending = true;
        AskPage(conversation, new HistoryRequest(conversation.Room, conversation.Peer, After: newest), "newer messages", () => conversation.NewerPending = false);
    }

    /// <summary>Shows the lines around a search hit (<paramref name="hit"/>: its seq or DM id), the hit highlighted.</summary>
    public void JumpTo(Conversation conversation, long hit)
    {
        Select(conversation);
        conversation.ShowAround(hit);
        conversation.HistoryAsked = true;
        conversation.HistoryPending = conversation.NewerPending = true;
        AskPage(conversation, new HistoryRequest(conversation.Room, conversation.Peer, Around: hit), "the messages around it", () =>
        {
            conversation.HistoryPending = conversation.NewerPending = false;
            conversation.RevealHit = true;
        });
        state.RaiseChanged();
    }

    /// <summary>Back from the middle of history to the newest lines (Ctrl+End): they are asked for again.</summary>
    public void BackToLiveEnd(Conversation conversation)
    {
        if (conversation.AtLiveEnd)
            return;
        conversation.BackToLiveEnd();
        LoadOlder(conversation);
        state.RaiseChanged();
    }

    private void AskPage(Conversation conversation, HistoryRequest request, string what, Action arrived)
    {
        var stretch = conversation.Stretch;
        requests.Send(request, reply =>
        {
            // A page for a stretch the conversation has left (a jump, back to live) is dropped.
            if (conversation.Stretch != stretch)
                return;
            arrived();
            // Replies are applied as they are picked up, not strictly in the order they came: the
            // conversation may be gone already (a DM to nobody, a room left), and stays gone.
            if (reply is HistoryPage page && state.Conversations.Contains(conversation))
                MergeHistory(page);
            else if (reply is ErrorReply { Code: not ErrorCodes.NoSuchUser } error)
                state.AddLocal(conversation, $"Could not load {what}. {HostWords.Explain(error)}");
        });
    }

    /// <summary>Lines of a page go in by their number, so a page and live messages meet without gaps or repeats.</summary>
    public void MergeHistory(HistoryPage page)
    {
        if (state.Conversations.For(page.Room, page.With) is not { } conversation)
            return;
        // A page the host sends unasked (entering the room again after a reconnect) holds the
        // newest lines: live ones, held back while the conversation shows the middle of history.
        Func<long, ChatLine, bool> add = page.Re is null ? conversation.AddOnce : conversation.AddFromPage;
        foreach (var frame in page.Messages)
        {
            if (frame is ChatMessage message)
                add(message.Seq, Mentions.LineOf(message, state.Me));
            else if (frame is DirectMessage direct)
                add(direct.Id, Mentions.LineOf(direct)); // the page says whose conversation it is
            else if (frame is RoomHistoryEvent { Seq: { } seq } e && HostWords.Presence(e) is { } text)
                add(seq, ChatLine.Notice(e.Ts ?? state.Now(), text)); // as shown live
        }
        if (page.Complete && (page.Re is not null || conversation.AtLiveEnd))
            conversation.MarkBeginning(state.Now());
        if (page.Latest == true)
            conversation.ReachedLiveEnd();
        if (page.Re is null && page.Room is not null)
            Arriving = false;
        if (conversation == state.Current)
            MarkViewed(conversation);
        state.RaiseChanged();
    }

    /// <summary>The host's conversation list opens what is missing here; its counts replace ours: after a reconnect both agree.</summary>
    public void ApplyUnread(Unread unread)
    {
        Arriving = true;
        // The list as the host keeps it: opened in its order, so a new terminal lists them as the last one left them.
        foreach (var open in unread.Open ?? [])
            state.Conversations.For(open.Room, open.With);
        foreach (var conversation in state.Conversations.All)
            conversation.Unread = 0;
        foreach (var entry in unread.Conversations)
            if (state.Conversations.For(entry.Room, entry.With) is { } conversation)
                conversation.Unread = entry.Count;
        MarkViewed(state.Current);
        state.RaiseChanged();
    }

    /// <summary>Read on some terminal of mine up to a point: what is left unread is what came after it.</summary>
    public void ApplyRead(ReadMark read)
    {
        if (state.Conversations.OpenFor(read.Room, read.With) is not { } conversation)
            return;
        conversation.MarkedUpto = Math.Max(conversation.MarkedUpto, read.Upto);
        conversation.Unread = Math.Min(conversation.Unread, conversation.CountAfter(read.Upto, state.Me));
        state.RaiseChanged();
    }

    /// <summary>A new link: pages asked for on the old one will never come.</summary>
    public void ForgetPendingPages()
    {
        foreach (var conversation in state.Conversations.All)
            conversation.HistoryPending = false;
    }

    /// <summary>
    /// The user is looking at the conversation: nothing in it is unread, and the host hears how
    /// far it was read: at once when nothing was sent lately, otherwise once the interval has
    /// passed, with the newest line by then. Never once per line or per render.
    /// </summary>
    public void MarkViewed(Conversation conversation)
    {
        conversation.Unread = 0;
        if (conversation.NewestId is not { } newest || newest <= conversation.MarkedUpto || !link.IsConnected)
            return;
        var wait = options.MarkReadInterval - Stopwatch.GetElapsedTime(conversation.MarkSentAt);
        if (conversation.MarkSentAt == 0 || wait <= TimeSpan.Zero)
        {
            conversation.MarkedUpto = newest;
            conversation.MarkSentAt = Stopwatch.GetTimestamp();
            requests.SendQuietly(new MarkRead(newest, conversation.Room, conversation.Peer));
        }
        else if (!conversation.MarkHeldBack)
        {
            conversation.MarkHeldBack = true;
            _ = SendHeldBackMarkAsync(conversation, wait);
        }
    }

    private async Task SendHeldBackMarkAsync(Conversation conversation, TimeSpan wait)
    {
        await Task.Delay(wait).ConfigureAwait(false);
        link.Post(() =>
        {
            conversation.MarkHeldBack = false;
            // Read means seen: a conversation the user has moved away from gets its mark when viewed again.
            if (conversation == state.Current)
                MarkViewed(conversation);
        });
    }
}
