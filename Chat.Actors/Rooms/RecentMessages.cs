using System.Collections.Immutable;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>
/// The newest committed lines of a room (messages, and the joins, leaves and renames it keeps),
/// as many as a history page holds, by seq. A connection that enters the room gets them from
/// here in the same step that makes it a member, so the page and the live messages after it meet
/// with nothing missing and nothing twice. Lines may come out of seq order (a message released
/// after a join numbered behind it, a held leave kept after its grace): each goes in its place.
/// Immutable: adding gives the next page.
/// </summary>
public sealed class RecentMessages
{
    private readonly ImmutableSortedDictionary<long, RoomMessageRecord> _messages;
    private readonly int _capacity;

    /// <param name="loaded">The newest lines the store holds, at most <paramref name="capacity"/> are kept.</param>
    /// <param name="storeHasOlder">Whether the store holds lines older than <paramref name="loaded"/>.</param>
    public RecentMessages(int capacity, IEnumerable<RoomMessageRecord> loaded, bool storeHasOlder)
    {
        var kept = loaded.OrderBy(m => m.Seq).TakeLast(Math.Max(0, capacity));
        (_capacity, _messages, HasOlder) = (capacity, kept.ToImmutableSortedDictionary(m => m.Seq, m => m), storeHasOlder);
    }

    private RecentMessages(int capacity, ImmutableSortedDictionary<long, RoomMessageRecord> messages, bool hasOlder) =>
        (_capacity, _messages, HasOlder) = (capacity, messages, hasOlder);

    /// <summary>Whether anything older than what is held here exists.</summary>
    public bool HasOlder { get; }

    /// <summary>Oldest first.</summary>
    public IEnumerable<RoomMessageRecord> Messages => _messages.Values;

    /// <summary>The page without the lines up to <paramref name="seq"/>, which are gone from the store too (a deleted room's).</summary>
    public RecentMessages After(long seq) =>
        new(_capacity, _messages.RemoveRange(_messages.Keys.Where(s => s <= seq).ToList()), hasOlder: false);

    /// <summary>The page with <paramref name="message"/> in its place; the oldest falls out of a full page.</summary>
    public RecentMessages Add(RoomMessageRecord message)
    {
        // A page of no messages (history.page-size 0): everything is older.
        if (_capacity <= 0)
            return HasOlder ? this : new RecentMessages(_capacity, _messages, hasOlder: true);
        var messages = _messages.SetItem(message.Seq, message);
        return messages.Count > _capacity
            ? new RecentMessages(_capacity, messages.Remove(messages.Keys.First()), hasOlder: true)
            : new RecentMessages(_capacity, messages, HasOlder);
    }
}
