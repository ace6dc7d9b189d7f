namespace Chat.Host.Hosting;

/// <summary>The few settings people change per run, from flags or environment variables.</summary>
public sealed record ChatHostOptions
{
    public string? Listen { get; init; }
    public int? Port { get; init; }
    public string? DataDirectory { get; init; }
    public string? ConfigFile { get; init; }
    /// <summary>sqlite or postgres (<see cref="StoreSettings"/>).</summary>
    public string? Store { get; init; }
    public string? PostgresConnectionString { get; init; }
    /// <summary>The Akka.Remote port: given, the host is a cluster node (<see cref="ClusterSettings"/>).</summary>
    public int? ClusterPort { get; init; }
    public string? ClusterHost { get; init; }
    /// <summary>--seed HOST:PORT, in the order given.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];
    /// <summary>The loopback port of the health and metrics listener; null leaves it to HOCON (off by default).</summary>
    public int? MetricsPort { get; init; }
    /// <summary>The IRC gateway's port; null leaves it to HOCON (off by default).</summary>
    public int? IrcPort { get; init; }
    /// <summary>"text" or "json"; null leaves it to HOCON.</summary>
    public string? LogFormat { get; init; }
    public bool ShowVersion { get; init; }
    /// <summary>Extra HOCON applied last (tests lower the hashing cost this way).</summary>
    public string? ConfigOverrides { get; init; }
    public bool ShowHelp { get; init; }
    /// <summary>Allows plain TCP on a network address: passwords would cross the network in clear text.</summary>
    public bool Insecure { get; init; }
    /// <summary>Extra logging setup (specs capture the host's log this way to check it for secrets).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    public const string Usage = """
        Chat.Host: the chat server.

        Usage: Chat.Host [options]
               Chat.Host admin VERB ...   (accounts and the message of the day; admin --help)

          --listen ADDRESS   address to listen on (default 127.0.0.1; env CHAT_LISTEN)
          --port N           TCP port (default 7777; 0 = any free port; env CHAT_PORT)
          --data DIR         data directory holding chat.db (default ./data; env CHAT_DATA)
          --config FILE      extra HOCON file layered over hocon/host.conf
          --store KIND       sqlite (default: chat.db in the data directory) or postgres
                             (env CHAT_STORE)
          --postgres CONN    the PostgreSQL connection string for --store postgres, e.g.
                             "Host=db;Database=chat;Username=chat" (env CHAT_POSTGRES; put a
                             password there or in ~/.pgpass: others can read the command line)
          --cluster-port N   run as a cluster node, its node-to-node (Akka.Remote) traffic on
                             port N; needs --store postgres and at least one --seed
          --cluster-host A   the address that port binds to and other nodes reach
                             (default 127.0.0.1: remoting must stay on a private network)
          --seed HOST:PORT   a node to join the cluster through (repeatable; the first node
                             names itself); docs/cluster.md shows three nodes on one box
          --metrics-port N   serve /healthz and /metrics on 127.0.0.1:N (default off)
          --irc-port N       also speak IRC on port N (chat.irc.listen, default 127.0.0.1;
                             TLS when the host has a certificate; default off)
          --log-format F     text or json (one JSON object a line, for journald and shippers)
          --version          print the version and exit
          --insecure         allow a non-loopback --listen without TLS (passwords in clear text)
          --help             show this text

        Every other setting lives in hocon/host.conf, each key commented.
        """;

    private static readonly Dictionary<string, Func<ChatHostOptions, string, ChatHostOptions>> Flags = new(StringComparer.Ordinal)
    {
        ["--listen"] = (o, v) => o with { Listen = v },
        ["--port"] = (o, v) => o with { Port = ParsePort(v) },
        ["--data"] = (o, v) => o with { DataDirectory = v },
        ["--config"] = (o, v) => o with { ConfigFile = v },
        ["--store"] = (o, v) => o with { Store = v },
        ["--postgres"] = (o, v) => o with { PostgresConnectionString = v },
        ["--cluster-port"] = (o, v) => o with { ClusterPort = ParsePort(v) },
        ["--cluster-host"] = (o, v) => o with { ClusterHost = v },
        ["--seed"] = (o, v) => o with { Seeds = [.. o.Seeds, v] },
        ["--metrics-port"] = (o, v) => o with { MetricsPort = ParsePort(v) },
        ["--irc-port"] = (o, v) => o with { IrcPort = ParsePort(v) },
        ["--log-format"] = (o, v) => o with { LogFormat = ObservabilitySettings.ParseLogFormat(v) },
    };

    /// <summary>Flags win over environment variables; an unknown flag is an error, not ignored.</summary>
    public static ChatHostOptions Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new ChatHostOptions
        {
            Listen = environment("CHAT_LISTEN"),
            Port = environment("CHAT_PORT") is { } port ? ParsePort(port) : null,
            DataDirectory = environment("CHAT_DATA"),
            Store = environment("CHAT_STORE"),
            PostgresConnectionString = environment("CHAT_POSTGRES"),
        };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
                return options with { ShowHelp = true };
            if (arg is "--version")
                return options with { ShowVersion = true };
            if (arg is "--insecure")
            {
                options = options with { Insecure = true };
                continue;
            }
            if (!Flags.TryGetValue(arg, out var apply))
                throw new ArgumentException($"unknown option {arg} (try --help)");
            if (i + 1 >= args.Count)
                throw new ArgumentException($"{arg} needs a value (try --help)");
            options = apply(options, args[++i]);
        }
        return options;
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"port must be a number from 0 to 65535, not \"{value}\"");
}
