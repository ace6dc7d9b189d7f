using Chat.Actors.Delivery;

namespace Chat.Host.Irc;

/// <summary>
/// An IRC connection's output as the delivery actor sees it: the same encoded chat frames every
/// connection gets (a fan-out is still encoded once), read back by the node's
/// <see cref="IrcFrameDecoder"/> (once per fan-out, not per member) and rendered as IRC lines
/// into the connection's bounded outbox. The cost of speaking IRC is paid by IRC connections only.
/// </summary>
public sealed class IrcOutput(IConnectionOutput outbox, IrcConnection irc, IrcFrames frames, IrcFrameDecoder decoder) : IConnectionOutput
{
    public bool TryWrite(ReadOnlyMemory<byte> encoded)
    {
        foreach (var frame in decoder.Decode(encoded.Span))
            frames.Render(frame);
        // False when the client's queue overflowed: a direct message is then not marked delivered.
        return !irc.WriteFailed;
    }

    public void Close(string reason) => outbox.Close(reason);

    public void Finish(string reason) => outbox.Finish(reason);
}
