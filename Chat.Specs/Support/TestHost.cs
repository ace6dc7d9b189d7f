using System.Net;
using Chat.Host.Hosting;

namespace Chat.Specs.Support;

/// <summary>
/// The real host, in process, on an ephemeral loopback port with its own data directory.
/// Hashing is made cheap through the same HOCON override a benchmark would use.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string FastHashing = "chat.auth.pbkdf2-iterations = 1000";

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
    public IPEndPoint Endpoint => _host?.Endpoint ?? throw new InvalidOperationException("the host is not running");

    public static async Task<TestHost> StartAsync(string? dataDirectory = null, string? extraConfig = null)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        var host = new TestHost(dataDirectory ?? owned!.Path, owned, extraConfig);
        await host.RestartAsync();
        return host;
    }

    /// <summary>Stops the host (if running) and starts a new one on the same data directory and a new port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _host = await ChatHost.StartAsync(new ChatHostOptions
        {
            Listen = "127.0.0.1",
            Port = 0,
            DataDirectory = DataDirectory,
            ConfigOverrides = FastHashing + "\n" + ExtraConfig,
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
