using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>
/// The newest committed messages of a room, as many as a history page holds. A connection that
/// enters the room gets them from here in the same step that makes it a member, so the page
/// and the live messages after it meet with nothing missing and nothing twice.
/// </summary>
public sealed class RecentMessages
{
    private readonly Queue<RoomMessageRecord> _messages;
    private readonly int _capacity;

    /// <param name="loaded">The newest messages the store holds, oldest first, at most <paramref name="capacity"/>.</param>
    /// <param name="storeHasOlder">Whether the store holds messages older than <paramref name="loaded"/>.</param>
    public RecentMessages(int capacity, IEnumerable<RoomMessageRecord> loaded, bool storeHasOlder)
    {
        _capacity = capacity;
        _messages = new Queue<RoomMessageRecord>(loaded.TakeLast(capacity));
        HasOlder = storeHasOlder;
    }

    /// <summary>Whether anything older than what is held here exists.</summary>
    public bool HasOlder { get; private set; }

    public IReadOnlyCollection<RoomMessageRecord> Messages => _messages;

    public void Add(RoomMessageRecord message)
    {
        if (_messages.Count == _capacity)
        {
            _messages.Dequeue();
            HasOlder = true;
        }
        _messages.Enqueue(message);
    }
}
