using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Chat.Actors;
using Chat.Actors.Delivery;
using Chat.Actors.Users;
using Chat.Protocol;
using Chat.Host.Storage;

namespace Chat.Specs.Support;

/// <summary>
/// Actor specs run against a real SQLite store in a temporary directory, with test probes
/// standing in for the sessions (the connections) that user and room actors talk to, behind a
/// real delivery actor. Every message is checked to be serialisable (<see cref="SerializationChecks"/>).
/// </summary>
public abstract class ActorSpec() : TestKit(ActorSystemHocon), IAsyncLifetime
{
    /// <summary>
    /// TestKit's own waits (ExpectMsg, FishForMessage, ExpectTerminated, AwaitCondition without a
    /// limit) get the suite's patience instead of the TestKit's 3 s: on a loaded machine a reply
    /// that must come can take longer than that, and waiting longer only costs time when a spec fails.
    /// </summary>
    public static readonly string TestKitPatienceHocon = $"akka.test.single-expect-default = {RawClient.Patience.TotalSeconds}s";

    private static readonly string ActorSystemHocon = SerializationChecks.ActorSystemHocon + "\n" + TestKitPatienceHocon;

    private readonly TempDirectory _data = new();
    private IActorRef? _delivery;

    /// <summary>What a "nothing more" check sends last on a connection: whatever came before it came first.</summary>
    protected static readonly ServerFrame Marker = new Pong { Re = RequestId.FromNumber(424242) };

    /// <summary>The spec's node-local delivery actor, which the probes' outputs are handed to.</summary>
    protected IActorRef Delivery => _delivery ??= Sys.ActorOf(DeliveryActor.Props(FanOutPacing.From(Settings), Settings.Session.GuardCheckInterval), DeliveryActor.Name);

    /// <summary>A connection whose frames arrive at the probe, one decoded frame per message; the probe is its session.</summary>
    protected ClientConnection Connect(TestProbe probe) => Connect(probe, new ProbeOutput(probe));

    protected ClientConnection Connect(TestProbe probe, ProbeOutput output)
    {
        Delivery.Tell(new OpenConnection(probe.Ref, output));
        return new ClientConnection(probe.Ref, Delivery);
    }

    /// <summary>
    /// The login's "ok" on a newly attached connection, and the user actor's ConnectionAttached
    /// to its session. The user actor sends the "ok" to the connection's writer first, then tells
    /// the session; a probe that is both hears the two in either order.
    /// </summary>
    protected static (Ok Login, ConnectionAttached Attached) ExpectLogin(TestProbe connection)
    {
        var first = connection.ReceiveOne(RawClient.Patience);
        var second = connection.ReceiveOne(RawClient.Patience);
        return first is Ok ok
            ? (ok, Assert.IsType<ConnectionAttached>(second))
            : (Assert.IsType<Ok>(second), Assert.IsType<ConnectionAttached>(first));
    }

    /// <summary>A session whose connection's frames arrive at the probe, as the transport would start it.</summary>
    protected IActorRef StartSession(TestProbe client, IActorRef auth, IActorRef rooms, ChatSettings settings, int capacity = int.MaxValue)
    {
        var session = Sys.ActorOf(Chat.Actors.Sessions.SessionActor.Props(Delivery, auth, rooms, settings));
        Delivery.Tell(new OpenConnection(session, new ProbeOutput(client, capacity)));
        return session;
    }

    /// <summary>
    /// Proves the connection got nothing more from what ran before: the delivery actor, its one
    /// writer, sends it a marker now, and the marker is the next frame it gets.
    /// </summary>
    protected void ExpectNothingMoreOn(TestProbe connection)
    {
        Delivery.Tell(new Deliver([connection.Ref], Outbound.Encode(Marker)));
        Assert.Equal(Marker, NextFrame(connection));
    }

    // No fan-out pause: the delivery actor writes each fan-out as it comes; the pause's specs
    // are FanOutRoundSpecs.
    protected static readonly ChatSettings Settings = new() { PasswordIterations = 1000, MaxTextChars = 100, ServerName = "specs", Motd = "hi", FanOutPause = 0 };

    protected SqliteChatStore Store { get; private set; } = null!;

    /// <summary>Where <see cref="Store"/> keeps its database.</summary>
    protected string DataDirectory => _data.Path;

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
