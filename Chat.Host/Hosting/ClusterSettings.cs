using System.Collections.Immutable;
using System.Net;
using Akka.Configuration;

namespace Chat.Host.Hosting;

/// <summary>
/// The node's place in a cluster, from --cluster-port, --cluster-host and --seed: null (no
/// flag) runs the host alone, exactly as before clustering existed. A node layers
/// hocon/cluster.conf over host.conf and these flags over both.
/// </summary>
public sealed record ClusterSettings(string Host, int Port, ImmutableArray<string> Seeds)
{
    /// <summary>The actor system's name, which every node's address (and every seed) carries.</summary>
    public const string ActorSystemName = "chat";

    public static string ConfigPath => Path.Combine(AppContext.BaseDirectory, "hocon", "cluster.conf");

    /// <summary>The cluster flags checked against each other and the store; null when the host runs alone.</summary>
    public static ClusterSettings? From(ChatHostOptions options, StoreKind store)
    {
        if (options.ClusterPort is not { } port)
        {
            if (options.ClusterHost is not null || options.Seeds.Count > 0)
                throw new ArgumentException("--cluster-host and --seed need --cluster-port N (the port this node's cluster traffic uses)");
            return null;
        }
        if (port == 0)
            throw new ArgumentException("--cluster-port must name a port (1 to 65535): the other nodes reach this one there");
        // Every node must see one chat: on SQLite each node would keep its own database, and
        // users on different nodes would silently be in different chats.
        if (store != StoreKind.Postgres)
            throw new ArgumentException(
                "a cluster node needs the shared PostgreSQL store (--store postgres --postgres CONN): on SQLite each node would keep a chat of its own");
        if (options.Seeds.Count == 0)
            throw new ArgumentException("--cluster-port needs at least one --seed HOST:PORT (the first node names itself)");
        var host = options.ClusterHost ?? IPAddress.Loopback.ToString();
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            throw new ArgumentException($"--cluster-host \"{host}\" is neither an IP address nor a host name");
        return new ClusterSettings(host, port, [.. options.Seeds.Select(SeedAddress)]);
    }

    /// <summary>HOST:PORT as the Akka address of the node there.</summary>
    private static string SeedAddress(string seed)
    {
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], out var port) || port is < 1 or > 65535
            || Uri.CheckHostName(seed[..colon].Trim('[', ']')) == UriHostNameType.Unknown)
            throw new ArgumentException($"--seed \"{seed}\" is not HOST:PORT (another node's --cluster-host and --cluster-port)");
        return $"akka.tcp://{ActorSystemName}@{seed[..colon]}:{port}";
    }

    /// <summary>The flags as HOCON, applied over everything else.</summary>
    public Config Hocon => ConfigurationFactory.ParseString($$"""
        akka.remote.dot-netty.tcp.hostname = "{{Host}}"
        akka.remote.dot-netty.tcp.port = {{Port}}
        akka.cluster.seed-nodes = [{{string.Join(", ", Seeds.Select(seed => $"\"{seed}\""))}}]
        """);

    /// <summary>Where the node listens for other nodes, for the log.</summary>
    public string Describe() => $"{Host}:{Port}, seeds {string.Join(", ", Seeds)}";
}
