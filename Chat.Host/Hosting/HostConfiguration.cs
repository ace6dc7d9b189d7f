using System.Net;
using Akka.Configuration;
using Chat.Actors;
using Chat.Host.Storage;

namespace Chat.Host.Hosting;

/// <summary>
/// The host's one configuration: hocon/host.conf, then --config FILE, then flags. The same
/// HOCON feeds Akka and the chat's own settings, so there is one place to look.
/// </summary>
public sealed record HostConfiguration(Config Hocon, IPAddress Listen, int Port, string DataDirectory, int MaxLineBytes, long OutboundQueueBytes, ChatSettings Chat)
{
    public TransportSettings Transport { get; init; } = new();

    public StoreSettings Store { get; init; } = new(StoreKind.Sqlite, "");
    public ObservabilitySettings Observability { get; init; } = new();

    /// <summary>When the host gives memory back after a busy spell.</summary>
    public IdleTrimSettings IdleTrim { get; init; } = IdleTrimSettings.Default;
    public StoreLimits StoreLimits { get; init; } = new();
    public IrcSettings Irc { get; init; } = new(null, IPAddress.Loopback);
    /// <summary>The node's cluster settings; null when the host runs alone.</summary>
    public ClusterSettings? Cluster { get; init; }

    public static string DefaultConfigPath => Path.Combine(AppContext.BaseDirectory, "hocon", "host.conf");

    /// <summary>chat.unix-socket: off, a path, or (empty) the data directory's name plus ".sock", beside it.</summary>
    private static string UnixSocketPath(Config chat, string dataDirectory) =>
        !chat.GetBoolean("unix-socket.enabled") || OperatingSystem.IsWindows() ? ""
        : chat.GetString("unix-socket.path") is { Length: > 0 } path ? Path.GetFullPath(path)
        : Path.TrimEndingDirectorySeparator(dataDirectory) + ".sock";

    public static HostConfiguration Load(ChatHostOptions options)
    {
        var config = ConfigurationFactory.ParseString(File.ReadAllText(DefaultConfigPath));
        if (options.ClusterPort is not null)
            config = ConfigurationFactory.ParseString(File.ReadAllText(ClusterSettings.ConfigPath)).WithFallback(config);
        if (options.ConfigFile is { } file)
            config = ConfigurationFactory.ParseString(File.ReadAllText(file)).WithFallback(config);
        if (options.ConfigOverrides is { } overrides)
            config = ConfigurationFactory.ParseString(overrides).WithFallback(config);

        var chat = config.GetConfig("chat");
        var store = StoreSettings.Load(chat, options);
        var cluster = ClusterSettings.From(options, store.Kind);
        if (cluster is not null)
            config = cluster.Hocon.WithFallback(config);
        var listenText = options.Listen ?? chat.GetString("listen");
        if (!IPAddress.TryParse(listenText, out var listen))
            throw new ArgumentException($"listen address \"{listenText}\" is not an IP address");

        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? chat.GetString("data-dir"));
        var transport = LimitsConfiguration.Transport(chat) with { UnixSocketPath = UnixSocketPath(chat, dataDirectory) };
        if (!IPAddress.IsLoopback(listen) && transport.TlsCertificate.Length == 0 && !options.Insecure)
            throw new ArgumentException(
                $"listening on {listen} without TLS would send passwords across the network in clear text: set chat.tls.certificate, or pass --insecure to do it anyway");

        var configuration = new HostConfiguration(
            config,
            listen,
            options.Port ?? chat.GetInt("port"),
            dataDirectory,
            chat.GetInt("protocol.max-line-bytes"),
            chat.GetLong("protocol.outbound-queue-bytes"),
            new ChatSettings
            {
                ServerName = chat.GetString("server-name"),
                Motd = chat.GetString("motd"),
                MaxTextChars = chat.GetInt("messages.max-text-chars"),
                MaxLineBytes = chat.GetInt("protocol.max-line-bytes"),
                HistoryPageSize = chat.GetInt("history.page-size"),
                MaxHistoryPageSize = chat.GetInt("history.max-page-size"),
                MaxReplyBytes = chat.GetInt("protocol.max-reply-bytes"),
                RoomPassivateIdleAfter = chat.GetTimeSpan("rooms.passivate-idle-after"),
                PresenceGrace = chat.GetTimeSpan("rooms.presence-grace"),
                FanOutSliceMembers = AtLeastOne(chat, "rooms.fan-out-slice-members"),
                FanOutSlicesFrom = chat.GetInt("rooms.fan-out-slices-from"),
                FanOutPause = chat.GetDouble("rooms.fan-out-pause"),
                FanOutLeastPause = chat.GetDouble("rooms.fan-out-pause-least"),
                FanOutRoundTarget = chat.GetTimeSpan("rooms.fan-out-round-target"),
                FanOutPauseBelowBytes = chat.GetInt("rooms.fan-out-pause-below-bytes"),
                PasswordIterations = chat.GetInt("auth.pbkdf2-iterations"),
                MaxConcurrentHashes = chat.GetInt("auth.max-concurrent-hashes"),
                Login = LimitsConfiguration.Login(chat),
                HashQueue = LimitsConfiguration.HashQueue(chat),
                Session = LimitsConfiguration.Session(chat),
                ShardedEntities = cluster is not null,
            })
        {
            Transport = transport,
            Store = store,
            Cluster = cluster,
            Observability = ObservabilitySettings.From(chat, options),
            IdleTrim = IdleTrimSettings.From(chat),
            StoreLimits = LimitsConfiguration.Store(chat),
            Irc = IrcSettings.From(chat, options, transport.TlsCertificate.Length > 0),
        };
        FrameBounds.Check(configuration);
        return configuration;
    }

    private static int AtLeastOne(Config chat, string path)
    {
        var value = chat.GetInt(path);
        return value >= 1 ? value : throw new ArgumentException($"chat.{path} is {value}: it must be at least 1");
    }
}
