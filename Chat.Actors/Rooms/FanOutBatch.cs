using System.Buffers;
using Chat.Protocol;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>
/// A room's committed messages that its members have not been sent yet, serialised back to back
/// as they commit. A busy room sends them in one piece per fan-out: one socket write per member
/// for many messages, instead of one per message.
/// </summary>
public sealed class FanOutBatch
{
    private readonly ArrayBufferWriter<byte> _bytes = new(4096);
    private readonly List<PendingMessage> _messages = [];

    public bool IsEmpty => _messages.Count == 0;

    public int Count => _messages.Count;

    /// <summary>The bytes the batch holds: a room fans out before they pass what one reply may carry.</summary>
    public int Bytes => _bytes.WrittenCount;

    public void Add(PendingMessage message)
    {
        FrameCodec.Server.Encode(message.Record.ToFrame(), _bytes);
        _messages.Add(message);
    }

    /// <summary>Empties the batch: its frames in commit order, and the messages whose senders await their "ok".</summary>
    public (byte[] Frames, PendingMessage[] Messages) Take()
    {
        var taken = (_bytes.WrittenSpan.ToArray(), _messages.ToArray());
        _bytes.ResetWrittenCount();
        _messages.Clear();
        return taken;
    }
}
