namespace Chat.Bench.Load;

public enum WireProtocol { Chat, Irc }

/// <summary>One load run: who connects where, how many send, how fast and for how long.</summary>
internal sealed record LoadOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 7777;
    public WireProtocol Protocol { get; init; } = WireProtocol.Chat;
    public int Clients { get; init; } = 2000;
    public int Senders { get; init; } = 10;
    /// <summary>Total offered messages per second over all senders, evenly spaced.</summary>
    public double Rate { get; init; } = 1000;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long to wait after sending for the last deliveries before counting them lost.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// 10 because ngircd listens with a backlog of 10 (listen(sock, 10) in its conn.c): more
    /// concurrent connects overflow its accept queue and wait out 1 s SYN retransmits.
    /// </summary>
    public int ConnectConcurrency { get; init; } = 10;
    /// <summary>Idle scenario: how long the logged-in connections are held before memory is read.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.Zero;
    /// <summary>
    /// Idle scenario: clients that connect, log in and leave before the baseline is read, so what
    /// the process pays once (code compiled, threads started) is not counted per connection; 0: none.
    /// </summary>
    public int WarmUpClients { get; init; }
    /// <summary>Idle scenario: how long the connections stay open after memory was read (for a heap dump of the host, bench/idle-memory.sh).</summary>
    public TimeSpan KeepAfter { get; init; } = TimeSpan.Zero;
    /// <summary>Several servers (nodes of one cluster): clients spread over them as <see cref="LoadLayout"/> says; null: <see cref="Host"/>:<see cref="Port"/> alone.</summary>
    public IReadOnlyList<System.Net.IPEndPoint>? Servers { get; init; }
    /// <summary>Rooms the clients are spread over (chat protocol), each with members on every server and its own senders.</summary>
    public int Rooms { get; init; } = 1;
    /// <summary>The server processes whose CPU and memory are read (summed, and per process when several).</summary>
    public IReadOnlyList<int> HostPids { get; init; } = [];
    /// <summary>
    /// The nodes' Akka.Remote ports: the bytes on every TCP connection with one end on one of
    /// them are counted over the measured part (cross-node traffic).
    /// </summary>
    public IReadOnlyList<int> ClusterPorts { get; init; } = [];
    /// <summary>The HOCON overlay the host was started with, printed so a cheap-hashing run says so.</summary>
    public string? HostConfigText { get; init; }
    public string UserPrefix { get; init; } = "b";
    public string Password { get; init; } = "benchpass1";
    public string Room { get; init; } = "lobby";
    /// <summary>IRC against our gateway: register the accounts through the chat protocol on this port and send PASS user:password.</summary>
    public int? RegisterPort { get; init; }
    /// <summary>
    /// Chat protocol only: every account logs in once with its password before anything is
    /// measured, and the measured handshakes resume with the token that login returned.
    /// </summary>
    public bool Resume { get; init; }
    /// <summary>Search for the highest rate with 100% delivered and p99 under the bound.</summary>
    public bool FindMax { get; init; }
    public double MaxP99Ms { get; init; } = 100;
    /// <summary>How many times --find-max halves the gap between the last pass and the first failure.</summary>
    public int BisectSteps { get; init; } = 4;
    /// <summary>overload: the rate known to be sustainable; the scenario offers <see cref="OverloadFactor"/> times it.</summary>
    public double? SustainableRate { get; init; }
    public double OverloadFactor { get; init; } = 3;
    public double MaxRate { get; init; } = 200_000;

    /// <summary>Zero-padded so even client 0 meets the 3-character minimum of a username.</summary>
    public string UserName(int index) => $"{UserPrefix}{index:D4}";

    public LoadLayout Layout => new(Servers ?? [new System.Net.IPEndPoint(System.Net.IPAddress.Parse(Host), Port)], Rooms, Room);

    public const string Usage = """
          --host ADDR             server address (127.0.0.1)
          --port N                server port (7777; ngircd: whatever compare.sh gave it)
          --servers A:P,B:P       several servers (the nodes of one cluster) instead of --host/--port: client i
                                  connects to server (i div --rooms) mod N; accounts are registered on the first
          --rooms N               chat protocol: clients spread over N rooms (client i in room i mod N: bench-1,
                                  bench-2, ...; 1: the lobby), each with members on every server; sender s speaks
                                  in the room of client s, so give a multiple of N senders (1)
          --protocol chat|irc     our JSON-lines protocol, or IRC (NICK/USER, JOIN, PRIVMSG)
          --register-port N       irc against our host's IRC gateway: register the accounts on the host's
                                  chat port N first and log in with PASS user:password
          --clients N             connections, all in one room (fanout 2000, connect 2000, idle 10000)
          --senders S             how many of them send (fanout 10)
          --rate R                total offered messages/s over all senders, open loop, evenly spaced (50)
          --warmup SEC            sending before measuring (2)
          --duration SEC          measured sending (10)
          --drain SEC             wait for late deliveries before counting them lost (5)
          --connect-concurrency C handshakes in flight while connecting (10: ngircd's listen backlog)
          --hold SEC              idle: keep the connections this long before reading memory
          --keep-after SEC        idle: keep them open this long after, for a heap dump of the host (0)
          --find-max              fanout: raise the rate until delivery < 100% or p99 >= --max-p99-ms
          --max-p99-ms MS         the latency bound for --find-max (100)
          --max-rate R            upper end of the --find-max search (200000)
          --bisect-steps N        --find-max: halvings between the last pass and the first failure (4); the best
                                  rate is then run once more and reported only if it passes again
          --sustainable R         overload: the sustainable rate (msg/s); the scenario offers --factor times it
          --factor F              overload: the multiple of --sustainable offered (3)
          --host-pid PID[,PID]    read the server's CPU seconds and peak RSS from /proc/PID; several: summed,
                                  and each node's CPU reported too
          --cluster-ports P[,P]   count the bytes on the TCP connections with an end on these ports (the nodes'
                                  Akka.Remote ports) over the measured part, from `ss -tin` (bytes_received)
          --host-config FILE      the HOCON overlay the host runs with (printed: cheap hashing must be said)
          --user-prefix P         usernames are P0000, P0001, ... (b)
          --resume                chat protocol only: before measuring, log every account in once with its
                                  password (not measured) and keep its resume token; clients then send
                                  hello + resume instead of hello + login (IRC has no resume tokens)
          --json                  print the result as JSON instead of text
        """;

    public static LoadOptions Read(BenchArguments args, LoadOptions defaults)
    {
        var options = defaults with
        {
            Host = args.Text("host", defaults.Host),
            Port = args.Int("port", defaults.Port),
            Protocol = Enum.Parse<WireProtocol>(args.Text("protocol", defaults.Protocol.ToString()), ignoreCase: true),
            RegisterPort = args.Optional("register-port") is { } registerPort ? int.Parse(registerPort, System.Globalization.CultureInfo.InvariantCulture) : defaults.RegisterPort,
            Clients = args.Int("clients", defaults.Clients),
            Senders = args.Int("senders", defaults.Senders),
            Rate = args.Double("rate", defaults.Rate),
            Warmup = TimeSpan.FromSeconds(args.Double("warmup", defaults.Warmup.TotalSeconds)),
            Duration = TimeSpan.FromSeconds(args.Double("duration", defaults.Duration.TotalSeconds)),
            Drain = TimeSpan.FromSeconds(args.Double("drain", defaults.Drain.TotalSeconds)),
            ConnectConcurrency = args.Int("connect-concurrency", defaults.ConnectConcurrency),
            Hold = TimeSpan.FromSeconds(args.Double("hold", defaults.Hold.TotalSeconds)),
            KeepAfter = TimeSpan.FromSeconds(args.Double("keep-after", defaults.KeepAfter.TotalSeconds)),
            WarmUpClients = args.Int("warm-up-clients", defaults.WarmUpClients),
            Servers = args.Optional("servers") is { } servers ? LoadLayout.ParseServers(servers) : defaults.Servers,
            Rooms = args.Int("rooms", defaults.Rooms),
            HostPids = args.Optional("host-pid") is { } pids ? Numbers(pids) : defaults.HostPids,
            ClusterPorts = args.Optional("cluster-ports") is { } ports ? Numbers(ports) : defaults.ClusterPorts,
            HostConfigText = args.Optional("host-config") is { } file ? SettingsOnly(File.ReadAllText(file)) : defaults.HostConfigText,
            UserPrefix = args.Text("user-prefix", defaults.UserPrefix),
            FindMax = args.Flag("find-max") || defaults.FindMax,
            MaxP99Ms = args.Double("max-p99-ms", defaults.MaxP99Ms),
            MaxRate = args.Double("max-rate", defaults.MaxRate),
            BisectSteps = args.Int("bisect-steps", defaults.BisectSteps),
            SustainableRate = args.Optional("sustainable") is { } sustainable ? double.Parse(sustainable, System.Globalization.CultureInfo.InvariantCulture) : defaults.SustainableRate,
            OverloadFactor = args.Double("factor", defaults.OverloadFactor),
            Resume = args.Flag("resume") || defaults.Resume,
        };
        if (options.Resume && options.Protocol != WireProtocol.Chat)
            throw new ArgumentException("--resume is for --protocol chat only: IRC has no resume tokens");
        if (options.Rooms < 1 || options.Rooms > 1 && options.Protocol != WireProtocol.Chat)
            throw new ArgumentException("--rooms is 1 or more, and more than 1 is for --protocol chat only");
        return options;
    }

    private static IReadOnlyList<int> Numbers(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The HOCON without its comments: what the host runs with, in one line.</summary>
    private static string SettingsOnly(string hocon) => string.Join("; ",
        hocon.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("//")));
}
