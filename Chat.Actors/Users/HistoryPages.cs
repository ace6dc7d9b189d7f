using Chat.Actors.Replies;
using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>
/// Reads the page of a conversation a <c>history</c> request asks for: the newest before a line
/// (paging up), the oldest after one (paging down from the middle of history), or those around
/// one (a search hit in its context). Each read asks the store for one row more than it keeps, so
/// the page can say whether older (<see cref="HistoryPage.Complete"/>) or newer
/// (<see cref="HistoryPage.Latest"/>) lines exist; every page stays within the reply's bytes.
/// </summary>
public sealed class HistoryPages(IChatStore store, ChatSettings settings)
{
    /// <summary>The page for a room (<paramref name="room"/>) or the DMs between <paramref name="user"/> and <paramref name="with"/>.</summary>
    public Task<HistoryPage> ReadAsync(HistoryRequest request, string user, string? room, string? with)
    {
        var limit = Math.Clamp(request.Limit ?? settings.HistoryPageSize, 1, settings.MaxHistoryPageSize);
        var reads = room is not null ? Room(room) : Direct(user, with!);
        var page = request switch
        {
            { After: { } after } => AfterAsync(reads, after, limit, settings.MaxReplyBytes),
            { Around: { } around } => AroundAsync(reads, around, limit),
            _ => BeforeAsync(reads, request.Before ?? long.MaxValue, limit, settings.MaxReplyBytes),
        };
        return Labelled(page, request.Id, room, with);
    }

    /// <summary>Null when the request is sound; otherwise what is wrong with it.</summary>
    public static string? Problem(HistoryRequest request) =>
        new[] { request.Before, request.After, request.Around }.Count(n => n is not null) > 1
            ? "a history request names at most one of before, after and around"
            : null;

    private static async Task<HistoryPage> Labelled(Task<HistoryPage> page, RequestId? re, string? room, string? with) =>
        await page with { Re = re, Room = room, With = with };

    // How a conversation's lines are read, and what each becomes on the wire.
    private sealed record Reads(Func<long, int, Task<IReadOnlyList<ServerFrame>>> Before, Func<long, int, Task<IReadOnlyList<ServerFrame>>> After);

    private Reads Room(string room) => new(
        async (before, limit) => Frames(await store.RoomMessagesBeforeAsync(room, before, limit), m => m.ToHistoryFrame()),
        async (after, limit) => Frames(await store.RoomMessagesAfterAsync(room, after, limit), m => m.ToHistoryFrame()));

    private Reads Direct(string user, string with) => new(
        async (before, limit) => Frames(await store.DirectMessagesBeforeAsync(user, with, before, limit), m => m.ToFrame()),
        async (after, limit) => Frames(await store.DirectMessagesAfterAsync(user, with, after, limit), m => m.ToFrame()));

    private static IReadOnlyList<ServerFrame> Frames<T>(IReadOnlyList<T> rows, Func<T, ServerFrame> toFrame) => rows.Select(toFrame).ToList();

    /// <summary>The newest <paramref name="limit"/> lines before a number, oldest first; complete when the extra, oldest row was not there.</summary>
    private static async Task<HistoryPage> BeforeAsync(Reads reads, long before, int limit, int maxBytes)
    {
        var rows = await reads.Before(before, limit + 1);
        var complete = rows.Count <= limit;
        return ReplyBudget.Bounded(new HistoryPage(rows.Skip(complete ? 0 : rows.Count - limit).ToList(), complete), maxBytes);
    }

    /// <summary>The oldest <paramref name="limit"/> lines after a number; latest when the extra, newest row was not there.</summary>
    private static async Task<HistoryPage> AfterAsync(Reads reads, long after, int limit, int maxBytes)
    {
        var rows = await reads.After(after, limit + 1);
        var taken = rows.Take(limit).ToList();
        var kept = ReplyBudget.FirstWithin(taken, EncodedSize.Of, maxBytes);
        return new HistoryPage(taken.Take(Math.Max(kept, Math.Min(1, taken.Count))).ToList(), Complete: false)
        {
            Latest = rows.Count <= limit && kept >= taken.Count,
        };
    }

    /// <summary>
    /// The line numbered <paramref name="around"/> with the lines before it (half the page) and after
    /// it (the rest), each side within half the reply's bytes.
    /// </summary>
    private async Task<HistoryPage> AroundAsync(Reads reads, long around, int limit)
    {
        var olderLimit = (limit + 1) / 2;
        var older = await BeforeAsync(reads, around + 1, olderLimit, settings.MaxReplyBytes / 2);
        var newer = await AfterAsync(reads, around, limit - olderLimit, settings.MaxReplyBytes / 2);
        return new HistoryPage(older.Messages.Concat(newer.Messages).ToList(), older.Complete) { Latest = newer.Latest };
    }
}
