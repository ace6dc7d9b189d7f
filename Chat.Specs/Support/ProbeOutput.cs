using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit;
using Chat.Protocol;
using Chat.Actors.Delivery;

namespace Chat.Specs.Support;

/// <summary>
/// A connection's write side as a probe sees it: each frame written (a room writes several at
/// once) arrives decoded, one message per frame; a close arrives as its reason. It also keeps
/// how many frames each write held. <paramref name="capacity"/> is the writes it takes before
/// it reports itself full.
/// </summary>
public sealed class ProbeOutput(TestProbe probe, int capacity = int.MaxValue) : IConnectionOutput
{
    private readonly ConcurrentQueue<int> _framesPerWrite = new();
    private int _written;

    public IReadOnlyCollection<int> FramesPerWrite => _framesPerWrite;

    public bool TryWrite(ReadOnlyMemory<byte> frames)
    {
        if (Interlocked.Increment(ref _written) > capacity)
            return false;
        _framesPerWrite.Enqueue(frames.Span.Count((byte)'\n'));
        var rest = frames.Span;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            probe.Ref.Tell(FrameCodec.Server.Decode(rest[..end]).Frame ?? throw new InvalidOperationException("an undecodable frame was written"));
            rest = rest[(end + 1)..];
        }
        return true;
    }

    public void Close(string reason) => probe.Ref.Tell(reason);
}
