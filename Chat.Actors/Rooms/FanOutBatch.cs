using System.Buffers;
using Chat.Actors.Delivery;
using Chat.Protocol;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>
/// What a room has decided that its members have not been sent yet: committed messages and
/// announcements (joined, left, renamed, away, roles, moderation), serialised back to back in the
/// order the room decided them. A busy room sends them in one piece per fan-out: one socket write
/// per member for many messages or a storm of joins, instead of one per message or join.
/// </summary>
public sealed class FanOutBatch
{
    private readonly ArrayBufferWriter<byte> _bytes = new(4096);
    private readonly List<PendingMessage> _messages = [];
    // Connections that entered while the batch was gathered, and the byte each starts at.
    private readonly Dictionary<ClientConnection, int> _entered = [];

    public bool IsEmpty => Count == 0;

    /// <summary>Frames in the batch, messages and announcements.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes the batch holds: a room fans out before they pass what one reply may carry.</summary>
    public int Bytes => _bytes.WrittenCount;

    public void Add(PendingMessage message)
    {
        FrameCodec.Server.Encode(message.Record.ToFrame(), _bytes);
        _messages.Add(message);
        Count++;
    }

    /// <summary>An announcement of the room's, in its place among the messages.</summary>
    public void Add(ServerFrame announcement)
    {
        FrameCodec.Server.Encode(announcement, _bytes);
        Count++;
    }

    /// <summary>
    /// These connections were just sent the room's page: they get only what the batch gathers from
    /// now on. What it holds already came before they entered (a message is in their page, an
    /// announcement is about someone else, or their own "left" before they came back).
    /// </summary>
    public void Entering(IEnumerable<ClientConnection> connections)
    {
        if (IsEmpty)
            return;
        foreach (var connection in connections)
            _entered[connection] = Bytes;
    }

    /// <summary>
    /// Empties the batch: its frames in the order decided, the messages whose senders await their
    /// "ok", and the connections that entered meanwhile with the byte each starts at.
    /// </summary>
    public (byte[] Frames, PendingMessage[] Messages, KeyValuePair<ClientConnection, int>[] Entered) Take()
    {
        var taken = (_bytes.WrittenSpan.ToArray(), _messages.ToArray(), _entered.ToArray());
        _bytes.ResetWrittenCount();
        _messages.Clear();
        _entered.Clear();
        Count = 0;
        return taken;
    }
}
