using Microsoft.AspNetCore.Connections;
using System.Net;
using Akka.Hosting;
using Chat.Actors.Mailboxes;
using Chat.Actors.Serialization;
using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Host.Transport;
using Chat.Host.Transport.Sockets;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Chat.Host.Hosting;

/// <summary>
/// A running host: Kestrel accepting client connections, the actor system, and the store. Used
/// by Program and, unchanged, by the end-to-end specs.
/// </summary>
public sealed class ChatHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IChatStore _store;

    private ChatHost(WebApplication app, IChatStore store, IPEndPoint endpoint, HostConfiguration configuration)
    {
        _app = app;
        _store = store;
        Endpoint = endpoint;
        Configuration = configuration;
    }

    /// <summary>Where clients connect; the real port when the configuration asked for port 0.</summary>
    public IPEndPoint Endpoint { get; }

    public HostConfiguration Configuration { get; }

    /// <summary>The host's services (the specs reach its actor system through them).</summary>
    internal IServiceProvider Services => _app.Services;

    public static async Task<ChatHost> StartAsync(ChatHostOptions options, CancellationToken cancellationToken = default)
    {
        var configuration = HostConfiguration.Load(options);
        var dataDirectoryWarning = PrivateDataDirectory.Prepare(configuration.DataDirectory);
        var store = await configuration.Store.OpenAsync(configuration.DataDirectory, configuration.StoreLimits, cancellationToken).ConfigureAwait(false);
        try
        {
            var socketPath = configuration.Transport.UnixSocketPath;
            if (socketPath.Length > 0)
                UnixSocketFile.PrepareToBind(socketPath);
            var app = Build(configuration, store, options.Logging);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            if (socketPath.Length > 0)
                UnixSocketFile.SetMode(socketPath, configuration.Transport.UnixSocketMode);
            var host = new ChatHost(app, store, BoundEndpoint(app, configuration), configuration);
            if (dataDirectoryWarning is not null)
                app.Logger.LogWarning("{Warning}", dataDirectoryWarning);
            app.Logger.LogInformation("Chat host listening on {Endpoint}, data in {Store}. Ctrl+C stops it.", host.Endpoint, configuration.Store.Describe(configuration.DataDirectory));
            if (configuration.Cluster is { } cluster)
                app.Logger.LogInformation("Cluster node on {ClusterAddress}", cluster.Describe());
            if (socketPath.Length > 0)
                app.Logger.LogInformation("Also listening on the Unix socket {UnixSocket}", socketPath);
            return host;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static WebApplication Build(HostConfiguration configuration, IChatStore store, Action<ILoggingBuilder>? logging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // The lifetime's "Now listening on: http://..." would mislead: this port speaks the chat protocol.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        HostLogging.Configure(builder, configuration.Observability);
        builder.Services.AddSingleton(configuration);
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(new ConnectionLimits(configuration.Transport));
        builder.Services.AddSingleton<ConnectionAdmission>();
        builder.Services.AddSingleton<MotdBoard>();
        builder.Services.AddSingleton<Irc.IrcNickBook>();
        builder.Services.AddSingleton<Irc.IrcFrameDecoder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MotdBoard>());
        builder.Services.AddHostedService<AdminActionsWatcher>();
        builder.Services.AddHostedService<IdleMemoryTrimmer>();
        builder.Services.AddHostedService<PostgresAdminActionsListener>();
        var certificate = ListenerCertificate.Load(configuration.Transport);
        // The chat's doors read and write their sockets directly (Transport/Sockets); the HTTP
        // endpoint for health and metrics keeps Kestrel's own transport.
        var chatSockets = new ChatSocketTransport();
        builder.Services.AddSingleton<IConnectionListenerFactory>(chatSockets);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // ConnectionLimits refuses with a reason; this backstop (silent) also covers connections
            // still in their TLS handshake, which have not reached the handler to be counted.
            kestrel.Limits.MaxConcurrentConnections = configuration.Transport.MaxConnections * 2L;
            kestrel.Listen(chatSockets.Claim(new IPEndPoint(configuration.Listen, configuration.Port)), listen =>
            {
                if (certificate is not null)
                    listen.UseHttps(certificate);
                listen.UseConnectionHandler<ChatConnectionHandler>();
            });
            HealthAndMetricsEndpoints.Listen(kestrel, configuration.Observability);
            if (configuration.Irc.Port is { } ircPort)
                kestrel.Listen(chatSockets.Claim(new IPEndPoint(configuration.Irc.Listen, ircPort)), listen =>
                {
                    if (certificate is not null)
                        listen.UseHttps(certificate);
                    listen.UseConnectionHandler<Irc.IrcConnectionHandler>();
                });
            // Local users connect here; the kernel tells who they are (PeerIdentity).
            if (configuration.Transport.UnixSocketPath is { Length: > 0 } socketPath)
                kestrel.Listen(chatSockets.Claim(new UnixDomainSocketEndPoint(Path.GetFullPath(socketPath))), listen => listen.UseConnectionHandler<ChatConnectionHandler>());
        });
        builder.Services.AddAkka(ClusterSettings.ActorSystemName, akka => akka
            .AddHocon(configuration.Hocon, HoconAddMode.Prepend)
            .AddHocon(ChatSerialization.Hocon, HoconAddMode.Append)
            .AddHocon(CompactMailbox.Hocon, HoconAddMode.Append)
            .AddClusterDefaults(configuration.Cluster)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithChatActors(store, configuration.Chat));
        var app = builder.Build();
        HealthAndMetricsEndpoints.Map(app, configuration.Observability);
        return app;
    }

    private static IPEndPoint BoundEndpoint(WebApplication app, HostConfiguration configuration)
    {
        var port = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Where(address => !address.Contains("unix:", StringComparison.Ordinal))
            .Select(address => (int?)new Uri(address).Port)
            .FirstOrDefault(port => port != configuration.Observability.MetricsPort && port != configuration.Irc.Port) ?? configuration.Port;
        return new IPEndPoint(configuration.Listen, port);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Stops accepting, stops the actors, then lets the store commit what is pending.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (Configuration.Transport.UnixSocketPath is { Length: > 0 } socketPath)
            UnixSocketFile.Remove(socketPath);
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
