using System.Collections.Immutable;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>
/// The newest committed messages of a room, as many as a history page holds. A connection that
/// enters the room gets them from here in the same step that makes it a member, so the page
/// and the live messages after it meet with nothing missing and nothing twice. Immutable: adding
/// gives the next page.
/// </summary>
public sealed class RecentMessages
{
    private readonly ImmutableQueue<RoomMessageRecord> _messages;
    private readonly int _count;
    private readonly int _capacity;

    /// <param name="loaded">The newest messages the store holds, oldest first, at most <paramref name="capacity"/>.</param>
    /// <param name="storeHasOlder">Whether the store holds messages older than <paramref name="loaded"/>.</param>
    public RecentMessages(int capacity, IEnumerable<RoomMessageRecord> loaded, bool storeHasOlder)
    {
        var kept = loaded.TakeLast(capacity).ToList();
        (_capacity, _messages, _count, HasOlder) = (capacity, ImmutableQueue.CreateRange(kept), kept.Count, storeHasOlder);
    }

    private RecentMessages(int capacity, ImmutableQueue<RoomMessageRecord> messages, int count, bool hasOlder) =>
        (_capacity, _messages, _count, HasOlder) = (capacity, messages, count, hasOlder);

    /// <summary>Whether anything older than what is held here exists.</summary>
    public bool HasOlder { get; }

    /// <summary>Oldest first.</summary>
    public IEnumerable<RoomMessageRecord> Messages => _messages;

    /// <summary>The page without the messages up to <paramref name="seq"/>, which are gone from the store too (a deleted room's).</summary>
    public RecentMessages After(long seq)
    {
        var kept = _messages.Where(m => m.Seq > seq).ToList();
        return new RecentMessages(_capacity, ImmutableQueue.CreateRange(kept), kept.Count, hasOlder: false);
    }

    /// <summary>The page with <paramref name="message"/> as its newest; the oldest falls out of a full page.</summary>
    public RecentMessages Add(RoomMessageRecord message)
    {
        // A page of no messages (history.page-size 0): everything is older.
        if (_capacity <= 0)
            return HasOlder ? this : new RecentMessages(_capacity, _messages, 0, hasOlder: true);
        return _count == _capacity
            ? new RecentMessages(_capacity, _messages.Dequeue().Enqueue(message), _count, hasOlder: true)
            : new RecentMessages(_capacity, _messages.Enqueue(message), _count + 1, HasOlder);
    }
}
