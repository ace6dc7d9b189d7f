using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// Reads the chat frames the delivery actor writes back, for every IRC connection of this node.
/// A fan-out hands the same bytes to every member in turn, so the frames of the last bytes are
/// kept and given again while the bytes are the same: a room line is decoded once per fan-out,
/// not once per IRC member. Compared by content, not by buffer, so a reused buffer can never
/// return another fan-out's frames; comparing a few hundred bytes costs far less than decoding
/// them. Frames are immutable records, so every connection may render the same ones.
/// </summary>
public sealed class IrcFrameDecoder
{
    private readonly Lock _gate = new();
    private byte[] _lastBytes = [];
    private IReadOnlyList<ServerFrame> _lastFrames = [];

    public IReadOnlyList<ServerFrame> Decode(ReadOnlySpan<byte> encoded)
    {
        lock (_gate)
        {
            if (encoded.SequenceEqual(_lastBytes))
                return _lastFrames;
        }
        var frames = DecodeAll(encoded);
        lock (_gate)
        {
            _lastBytes = encoded.ToArray();
            _lastFrames = frames;
        }
        return frames;
    }

    private static List<ServerFrame> DecodeAll(ReadOnlySpan<byte> encoded)
    {
        var frames = new List<ServerFrame>();
        var rest = encoded;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (FrameCodec.Server.Decode(line).Frame is { } frame)
                frames.Add(frame);
        }
        return frames;
    }
}
