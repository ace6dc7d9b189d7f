using Microsoft.AspNetCore.Connections;
using System.Net;
using Akka.Hosting;
using Chat.Actors.Serialization;
using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Host.Transport;
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

    public static async Task<ChatHost> StartAsync(ChatHostOptions options, CancellationToken cancellationToken = default)
    {
        var configuration = HostConfiguration.Load(options);
        var store = await SqliteChatStore.OpenAsync(configuration.DataDirectory, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var app = Build(configuration, store, options.Logging);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var host = new ChatHost(app, store, BoundEndpoint(app, configuration), configuration);
            app.Logger.LogInformation("Chat host listening on {Endpoint}, data in {DataDirectory}. Ctrl+C stops it.", host.Endpoint, configuration.DataDirectory);
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
        builder.Services.AddSingleton(configuration);
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(new ConnectionLimits(configuration.Transport));
        var certificate = ListenerCertificate.Load(configuration.Transport);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // ConnectionLimits refuses with a reason; this backstop (silent) also covers connections
            // still in their TLS handshake, which have not reached the handler to be counted.
            kestrel.Limits.MaxConcurrentConnections = configuration.Transport.MaxConnections * 2L;
            kestrel.Listen(configuration.Listen, configuration.Port, listen =>
            {
                if (certificate is not null)
                    listen.UseHttps(certificate);
                listen.UseConnectionHandler<ChatConnectionHandler>();
            });
        });
        builder.Services.AddAkka("chat", akka => akka
            .AddHocon(configuration.Hocon, HoconAddMode.Prepend)
            .AddHocon(ChatSerialization.Hocon, HoconAddMode.Append)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithChatActors(store, configuration.Chat));
        return builder.Build();
    }

    private static IPEndPoint BoundEndpoint(WebApplication app, HostConfiguration configuration)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var port = address is null ? configuration.Port : new Uri(address).Port;
        return new IPEndPoint(configuration.Listen, port);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Stops accepting, stops the actors, then lets the store commit what is pending.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
