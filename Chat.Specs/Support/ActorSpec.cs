using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Chat.Actors;
using Chat.Protocol;
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

    /// <summary>
    /// The next frame a connection receives. Connections are probes behind a <see cref="ProbeOutput"/>,
    /// which hands them one decoded frame per message however many a write held.
    /// </summary>
    protected static ServerFrame NextFrame(TestProbe connection) => connection.ReceiveOne(RawClient.Patience) switch
    {
        ServerFrame frame => frame,
        null => throw new Xunit.Sdk.XunitException("expected a frame, got nothing"),
        var other => throw new Xunit.Sdk.XunitException($"expected a frame, got {other}"),
    };

    protected static T ExpectFrame<T>(TestProbe connection) where T : ServerFrame => Assert.IsType<T>(NextFrame(connection));

    /// <summary>Skips frames until one of type T matching the condition arrives.</summary>
    protected static T FishFrame<T>(TestProbe connection, Func<T, bool>? matches = null) where T : ServerFrame
    {
        while (true)
        {
            if (NextFrame(connection) is T frame && (matches?.Invoke(frame) ?? true))
                return frame;
        }
    }
}
