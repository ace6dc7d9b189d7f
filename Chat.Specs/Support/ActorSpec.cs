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

    /// <summary>The next frame a connection receives, whether sent as a record or as encoded bytes.</summary>
    protected static T ExpectFrame<T>(TestProbe connection) where T : ServerFrame
    {
        var message = connection.ReceiveOne(RawClient.Patience);
        var frame = message switch
        {
            EncodedFrame encoded => Decode(encoded.Bytes),
            ServerFrame sent => sent,
            _ => throw new Xunit.Sdk.XunitException($"expected a {typeof(T).Name} frame, got {message}"),
        };
        return Assert.IsType<T>(frame);
    }

    /// <summary>Skips frames until one of type T matching the condition arrives.</summary>
    protected static T FishFrame<T>(TestProbe connection, Func<T, bool>? matches = null) where T : ServerFrame
    {
        var found = connection.FishForMessage(
            m => AsFrame(m) is T t && (matches?.Invoke(t) ?? true),
            RawClient.Patience);
        return (T)AsFrame(found)!;
    }

    protected static ServerFrame? AsFrame(object message) => message switch
    {
        EncodedFrame encoded => Decode(encoded.Bytes),
        ServerFrame frame => frame,
        _ => null,
    };

    private static ServerFrame Decode(ReadOnlyMemory<byte> bytes) =>
        FrameCodec.Server.Decode(bytes.Span[..^1]).Frame ?? throw new Xunit.Sdk.XunitException("undecodable frame");
}
