using Chat.Protocol;

namespace Chat.Actors.Replies;

/// <summary>
/// Keeps every page and list the host sends within a byte budget as well as a count, so no
/// frame outgrows what a connection may queue (<c>chat.protocol.max-reply-bytes</c>, checked
/// against <c>outbound-queue-bytes</c> at start-up). A page keeps its newest messages and says
/// it is not complete, so the client pages on from there; a list keeps its first entries and
/// says there are more.
/// </summary>
public static class ReplyBudget
{
    /// <summary>The page's newest messages whose frames fit in <paramref name="maxBytes"/>; always at least one.</summary>
    public static HistoryPage Bounded(HistoryPage page, int maxBytes)
    {
        var kept = NewestWithin(page.Messages, EncodedSize.Of, maxBytes);
        return kept == page.Messages.Count
            ? page
            : page with { Messages = page.Messages.Skip(page.Messages.Count - kept).ToList(), Complete = false };
    }

    public static Roster Bounded(Roster roster, int maxBytes)
    {
        var kept = FirstWithin(roster.Users, EncodedSize.Of, maxBytes);
        return kept == roster.Users.Count ? roster : roster with { Users = roster.Users.Take(kept).ToList(), More = true };
    }

    public static RoomList Bounded(RoomList list, int maxBytes)
    {
        var kept = FirstWithin(list.Rooms, EncodedSize.Of, maxBytes);
        return kept == list.Rooms.Count ? list : list with { Rooms = list.Rooms.Take(kept).ToList(), More = true };
    }

    /// <summary>The counts and the conversation list get half the budget each.</summary>
    public static Unread Bounded(Unread unread, int maxBytes)
    {
        var kept = FirstWithin(unread.Conversations, EncodedSize.Of, maxBytes / 2);
        var open = unread.Open ?? [];
        var keptOpen = FirstWithin(open, EncodedSize.Of, maxBytes / 2);
        return kept == unread.Conversations.Count && keptOpen == open.Count
            ? unread
            : unread with
            {
                Conversations = unread.Conversations.Take(kept).ToList(),
                Open = unread.Open is null ? null : open.Take(keptOpen).ToList(),
                More = true,
            };
    }

    /// <summary>How many of the last (newest) entries fit; at least one, so paging always moves on.</summary>
    public static int NewestWithin<T>(IReadOnlyList<T> oldestFirst, Func<T, int> size, int maxBytes)
    {
        var total = 0L;
        for (var i = oldestFirst.Count - 1; i >= 0; i--)
        {
            total += size(oldestFirst[i]);
            if (total > maxBytes)
                return Math.Max(1, oldestFirst.Count - 1 - i);
        }
        return oldestFirst.Count;
    }

    /// <summary>How many of the first entries fit.</summary>
    public static int FirstWithin<T>(IReadOnlyList<T> items, Func<T, int> size, int maxBytes)
    {
        var total = 0L;
        for (var i = 0; i < items.Count; i++)
        {
            total += size(items[i]);
            if (total > maxBytes)
                return i;
        }
        return items.Count;
    }
}
