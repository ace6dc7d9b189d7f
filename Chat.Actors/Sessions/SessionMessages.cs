using Chat.Actors.Protocol;

namespace Chat.Actors.Sessions;

/// <summary>A frame already serialised once, written unchanged to every connection that gets it.</summary>
public sealed record EncodedFrame(ReadOnlyMemory<byte> Bytes)
{
    public static EncodedFrame Of(ServerFrame frame) => new(FrameCodec.Server.Encode(frame));
}

/// <summary>The socket edge could not turn a line into a frame; the session answers with this error.</summary>
public sealed record FrameRejected(string Code, string Message, RequestId? Re);

/// <summary>The client's socket is gone, for whatever reason.</summary>
public sealed record ConnectionClosed
{
    public static readonly ConnectionClosed Instance = new();
}
