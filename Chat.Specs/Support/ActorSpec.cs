using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Chat.Actors;
using Chat.Actors.Protocol;
using Chat.Actors.Sessions;
using Chat.Host.Storage;

namespace Chat.Specs.Support;

/// <summary>
/// Actor specs run against a real SQLite store in a temporary directory, with test probes
/// standing in for the sessions (the connections) that user and room actors talk to.
/// </summary>
public abstract class ActorSpec : TestKit, IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    protected static readonly ChatSettings Settings = new() { PasswordIterations = 1000, MaxTextChars = 100, ServerName = "specs", Motd = "hi" };

    protected SqliteChatStore Store { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Store = await SqliteChatStore.OpenAsync(_data.Path);

    public virtual async Task DisposeAsync()
    {
        Shutdown();
        await Store.DisposeAsync();
        _data.Dispose();
    }

    // A room sends the messages of one fan-out as one batch of frames; the rest of a batch
    // waits here for the next read from the same connection.
    private readonly Dictionary<TestProbe, Queue<ServerFrame>> _unread = [];

    /// <summary>The next frame a connection receives, whether sent as a record or in a batch of encoded frames.</summary>
    protected ServerFrame NextFrame(TestProbe connection)
    {
        if (_unread.TryGetValue(connection, out var unread) && unread.TryDequeue(out var waiting))
            return waiting;
        var message = connection.ReceiveOne(RawClient.Patience);
        var frames = message switch
        {
            EncodedFrame encoded => Decode(encoded.Bytes),
            ServerFrame sent => [sent],
            null => throw new Xunit.Sdk.XunitException("expected a frame, got nothing"),
            _ => throw new Xunit.Sdk.XunitException($"expected a frame, got {message}"),
        };
        if (frames.Count > 1)
        {
            if (unread is null)
                _unread[connection] = unread = new Queue<ServerFrame>();
            foreach (var later in frames.Skip(1))
                unread.Enqueue(later);
        }
        return frames[0];
    }

    protected T ExpectFrame<T>(TestProbe connection) where T : ServerFrame => Assert.IsType<T>(NextFrame(connection));

    /// <summary>Skips frames until one of type T matching the condition arrives.</summary>
    protected T FishFrame<T>(TestProbe connection, Func<T, bool>? matches = null) where T : ServerFrame
    {
        while (true)
        {
            if (NextFrame(connection) is T frame && (matches?.Invoke(frame) ?? true))
                return frame;
        }
    }

    private static List<ServerFrame> Decode(ReadOnlyMemory<byte> bytes)
    {
        var frames = new List<ServerFrame>();
        var rest = bytes.Span;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            frames.Add(FrameCodec.Server.Decode(rest[..end]).Frame ?? throw new Xunit.Sdk.XunitException("undecodable frame"));
            rest = rest[(end + 1)..];
        }
        return frames;
    }
}
