using System.Net;
using Microsoft.Extensions.Logging;
using Chat.Host.Hosting;

namespace Chat.Specs.Support;

/// <summary>
/// The real host, in process, on an ephemeral loopback port with its own data directory.
/// Hashing is made cheap through the same HOCON override a benchmark would use, and every
/// message the host's actors send is checked to be serialisable (<see cref="SerializationChecks"/>).
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string FastHashing = "chat.auth.pbkdf2-iterations = 1000";

    /// <summary>
    /// A scripted client sends faster than any person: specs of other things should not trip
    /// the flood gate. The flood-control specs set their own limits over this; specs of what the
    /// real client sends run without it (<see cref="ShippedFloodLimits"/>).
    /// </summary>
    public const string ScriptedClientAllowance = "chat.session.flood.burst = 100000";

    /// <summary>
    /// Every spec runs as one Unix user: identified on loopback, all specs' clients would share one
    /// user's limits. The peer specs turn it on again.
    /// </summary>
    public const string LoopbackUnidentified = "chat.connections.identify-loopback-peers = off";

    /// <summary>
    /// Every in-process host shares the specs' process and its GC: one host's trim would pause
    /// the others' specs at a moment nobody chose. The trim's rule has specs of its own (IdleTrimSpecs).
    /// </summary>
    public const string NoIdleTrim = "chat.memory.idle-trim.enabled = off";

    private readonly TempDirectory? _ownedData;
    private ChatHost? _host;

    private TestHost(string dataDirectory, TempDirectory? ownedData, string? extraConfig)
    {
        DataDirectory = dataDirectory;
        _ownedData = ownedData;
        ExtraConfig = extraConfig;
    }

    public string DataDirectory { get; }
    public string? ExtraConfig { get; }
    /// <summary>Extra logging for the host, kept across restarts.</summary>
    public Action<ILoggingBuilder>? Logging { get; private init; }
    /// <summary>0 for a new ephemeral port at every start; a fixed port lets a client reconnect to a restarted host.</summary>
    public int Port { get; private init; }
    /// <summary>The flood limits of hocon/host.conf as shipped, rather than the scripted clients' allowance.</summary>
    public bool ShippedFloodLimits { get; private init; }
    public IPEndPoint Endpoint => _host?.Endpoint ?? throw new InvalidOperationException("the host is not running");
    public HostConfiguration Configuration => _host?.Configuration ?? throw new InvalidOperationException("the host is not running");
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("the host is not running");
    public string UnixSocketPath => _host?.Configuration.Transport.UnixSocketPath ?? throw new InvalidOperationException("the host is not running");

    public static async Task<TestHost> StartAsync(string? dataDirectory = null, string? extraConfig = null, Action<ILoggingBuilder>? logging = null, int port = 0, bool shippedFloodLimits = false)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        var host = new TestHost(dataDirectory ?? owned!.Path, owned, extraConfig) { Logging = logging, Port = port, ShippedFloodLimits = shippedFloodLimits };
        await host.RestartAsync();
        return host;
    }

    /// <summary>Stops the host (if running) and starts a new one on the same data directory (and a new port, unless fixed).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _host = await ChatHost.StartAsync(new ChatHostOptions
        {
            Listen = "127.0.0.1",
            Port = Port,
            DataDirectory = DataDirectory,
            ConfigOverrides = FastHashing + "\n" + LoopbackUnidentified + "\n" + NoIdleTrim + "\n" + SerializationChecks.Hocon + "\n" + (ShippedFloodLimits ? "" : ScriptedClientAllowance) + "\n" + ExtraConfig,
            Logging = Logging,
        });
    }

    public async Task StopAsync()
    {
        if (_host is null)
            return;
        await _host.DisposeAsync();
        _host = null;
    }

    public Task<RawClient> ConnectAsync() => RawClient.ConnectAsync(Endpoint);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _ownedData?.Dispose();
    }
}
