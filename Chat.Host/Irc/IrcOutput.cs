using Chat.Actors.Delivery;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// An IRC connection's output as the delivery actor sees it: the same encoded chat frames every
/// connection gets (a fan-out is still encoded once), read back here and rendered as IRC lines
/// into the connection's bounded outbox. The cost of speaking IRC is paid by IRC connections only.
/// </summary>
public sealed class IrcOutput(IConnectionOutput outbox, IrcConnection irc, IrcFrames frames) : IConnectionOutput
{
    public bool TryWrite(ReadOnlyMemory<byte> encoded)
    {
        var rest = encoded.Span;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (FrameCodec.Server.Decode(line).Frame is { } frame)
                frames.Render(frame);
        }
        // False when the client's queue overflowed: a direct message is then not marked delivered.
        return !irc.WriteFailed;
    }

    public void Close(string reason) => outbox.Close(reason);

    public void Finish(string reason) => outbox.Finish(reason);
}
