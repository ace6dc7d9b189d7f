using System.Diagnostics;
using Chat.Protocol;

namespace Chat.Tui.Session;

// History pages, unread counts and read marks: the host remembers, the session shows what it says.
public sealed partial class ChatSession
{
    // Between the "unread" frame and the first room page the host delivers the DMs that waited
    // for this login; the unread frame has counted them already.
    private bool _arriving;

    /// <summary>
    /// Asks for the page before the oldest line loaded (the newest page when nothing is); the
    /// chat panel calls it when the user scrolls above the top. Does nothing once the beginning
    /// is shown or while a page is on its way.
    /// </summary>
    public void LoadOlder(Conversation conversation)
    {
        if (conversation.HistoryComplete || conversation.HistoryPending || _connection is null || Status != ConnectionStatus.Connected)
            return;
        conversation.HistoryPending = true;
        Request(new HistoryRequest(conversation.Room, conversation.Peer, conversation.OldestId), reply =>
        {
            conversation.HistoryPending = false;
            // Replies are applied as they are picked up, not strictly in the order they came: the
            // conversation may be gone already (a DM to nobody, a room left), and stays gone.
            if (reply is HistoryPage page && _conversations.Contains(conversation))
                MergeHistory(page);
            else if (reply is ErrorReply { Code: not ErrorCodes.NoSuchUser } error)
                AddLocal(conversation, $"Could not load older messages. {Explain(error)}");
        }, null);
    }

    /// <summary>Lines of a page go in by their number, so a page and live messages meet without gaps or repeats.</summary>
    private void MergeHistory(HistoryPage page)
    {
        if (ConversationFor(page.Room, page.With) is not { } conversation)
            return;
        foreach (var frame in page.Messages)
        {
            if (frame is ChatMessage message)
                OnRoomMessage(message with { Room = conversation.Room! }, fromHistory: true);
            else if (frame is DirectMessage direct)
                conversation.AddOnce(direct.Id, LineOf(direct)); // the page says whose conversation it is
        }
        if (page.Complete)
            conversation.MarkBeginning(_options.Now());
        if (page.Re is null && page.Room is not null)
            _arriving = false;
        if (conversation == Current)
            MarkViewed(conversation);
        RaiseChanged();
    }

    /// <summary>The host's counts replace ours: after a reconnect both agree.</summary>
    private void ApplyUnread(Unread unread)
    {
        _arriving = true;
        foreach (var conversation in _conversations)
            conversation.Unread = 0;
        foreach (var entry in unread.Conversations)
            if (ConversationFor(entry.Room, entry.With) is { } conversation)
                conversation.Unread = entry.Count;
        MarkViewed(Current);
        RaiseChanged();
    }

    /// <summary>Read on some terminal of mine up to a point: what is left unread is what came after it.</summary>
    private void ApplyRead(ReadMark read)
    {
        var conversation = read.Room is not null ? RoomOrNull(read.Room) : read.With is not null ? DirectWithOrNull(read.With) : null;
        if (conversation is null)
            return;
        conversation.MarkedUpto = Math.Max(conversation.MarkedUpto, read.Upto);
        conversation.Unread = Math.Min(conversation.Unread, conversation.CountAfter(read.Upto, Me));
        RaiseChanged();
    }

    /// <summary>
    /// The user is looking at the conversation: nothing in it is unread, and the host hears how
    /// far it was read: at once when nothing was sent lately, otherwise once the interval has
    /// passed, with the newest line by then. Never once per line or per render.
    /// </summary>
    private void MarkViewed(Conversation conversation)
    {
        conversation.Unread = 0;
        if (conversation.NewestId is not { } newest || newest <= conversation.MarkedUpto || _connection is null || Status != ConnectionStatus.Connected)
            return;
        var wait = _options.MarkReadInterval - Stopwatch.GetElapsedTime(conversation.MarkSentAt);
        if (conversation.MarkSentAt == 0 || wait <= TimeSpan.Zero)
        {
            conversation.MarkedUpto = newest;
            conversation.MarkSentAt = Stopwatch.GetTimestamp();
            SendQuietly(new MarkRead(newest, conversation.Room, conversation.Peer));
        }
        else if (!conversation.MarkHeldBack)
        {
            conversation.MarkHeldBack = true;
            _ = SendHeldBackMarkAsync(conversation, wait);
        }
    }

    private async Task SendHeldBackMarkAsync(Conversation conversation, TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, _life.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _options.Dispatch(() =>
        {
            conversation.MarkHeldBack = false;
            // Read means seen: a conversation the user has moved away from gets its mark when viewed again.
            if (conversation == Current)
                MarkViewed(conversation);
        });
    }
}
