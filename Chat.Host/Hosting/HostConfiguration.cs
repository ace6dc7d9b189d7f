using System.Net;
using Akka.Configuration;
using Chat.Actors;

namespace Chat.Host.Hosting;

/// <summary>
/// The host's one configuration: hocon/host.conf, then --config FILE, then flags. The same
/// HOCON feeds Akka and the chat's own settings, so there is one place to look.
/// </summary>
public sealed record HostConfiguration(Config Hocon, IPAddress Listen, int Port, string DataDirectory, int MaxLineBytes, long OutboundQueueBytes, ChatSettings Chat)
{
    public TransportSettings Transport { get; init; } = new();

    public static string DefaultConfigPath => Path.Combine(AppContext.BaseDirectory, "hocon", "host.conf");

    public static HostConfiguration Load(ChatHostOptions options)
    {
        var config = ConfigurationFactory.ParseString(File.ReadAllText(DefaultConfigPath));
        if (options.ConfigFile is { } file)
            config = ConfigurationFactory.ParseString(File.ReadAllText(file)).WithFallback(config);
        if (options.ConfigOverrides is { } overrides)
            config = ConfigurationFactory.ParseString(overrides).WithFallback(config);

        var chat = config.GetConfig("chat");
        var listenText = options.Listen ?? chat.GetString("listen");
        if (!IPAddress.TryParse(listenText, out var listen))
            throw new ArgumentException($"listen address \"{listenText}\" is not an IP address");

        return new HostConfiguration(
            config,
            listen,
            options.Port ?? chat.GetInt("port"),
            Path.GetFullPath(options.DataDirectory ?? chat.GetString("data-dir")),
            chat.GetInt("protocol.max-line-bytes"),
            chat.GetLong("protocol.outbound-queue-bytes"),
            new ChatSettings
            {
                ServerName = chat.GetString("server-name"),
                Motd = chat.GetString("motd"),
                MaxTextChars = chat.GetInt("messages.max-text-chars"),
                HistoryPageSize = chat.GetInt("history.page-size"),
                MaxHistoryPageSize = chat.GetInt("history.max-page-size"),
                FanOutIntervalPerThousandMembers = chat.GetTimeSpan("rooms.fan-out-interval-per-1000-members"),
                RoomPassivateIdleAfter = chat.GetTimeSpan("rooms.passivate-idle-after"),
                PasswordIterations = chat.GetInt("auth.pbkdf2-iterations"),
                MaxConcurrentHashes = chat.GetInt("auth.max-concurrent-hashes"),
                Login = LimitsConfiguration.Login(chat),
                Session = LimitsConfiguration.Session(chat),
            })
        {
            Transport = LimitsConfiguration.Transport(chat),
        };
    }
}
