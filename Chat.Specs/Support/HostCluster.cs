using System.Text.RegularExpressions;

namespace Chat.Specs.Support;

/// <summary>
/// Three real host processes on loopback, one Akka cluster on one PostgreSQL database (each
/// spec its own, from <see cref="TestPostgres"/>): node 1 seeds itself, nodes 2 and 3 join
/// through it. Ready once every node is Up; disposing kills what still runs and drops the database.
/// </summary>
public sealed class HostCluster : IAsyncDisposable
{
    /// <summary>
    /// What the specs change: fast hashing, scripted clients, and a split-brain resolver that
    /// decides after 5 s of stable membership instead of 20 s, so a killed node is downed (and its
    /// rooms move) within a spec's patience.
    /// </summary>
    private const string SpecConfig = TestHost.FastHashing + "\n" + TestHost.ScriptedClientAllowance + "\n"
        + "chat.unix-socket.enabled = off\n"
        + "akka.cluster.split-brain-resolver.stable-after = 5s\n";

    private readonly TempDirectory _dir;
    private readonly TestDatabase _database;
    private readonly string _config;

    private HostCluster(TempDirectory dir, TestDatabase database, string config)
    {
        _dir = dir;
        _database = database;
        _config = config;
    }

    public List<HostProcess> Nodes { get; } = [];

    public List<int> ClusterPorts { get; } = [];

    public HostProcess this[int node] => Nodes[node - 1];

    /// <summary>The cluster's database, for what an admin does beside it (the admin command).</summary>
    public TestDatabase Database => _database;

    public static async Task<HostCluster> StartAsync(int nodes = 3)
    {
        var dir = new TempDirectory();
        var config = Path.Combine(dir.Path, "cluster-specs.conf");
        await File.WriteAllTextAsync(config, SpecConfig);
        var cluster = new HostCluster(dir, await TestPostgres.CreateDatabaseAsync(), config);
        try
        {
            // Ascending, so node 1 has the lowest address: keep-majority keeps that side on a tie,
            // as when one node of two is lost, and a spec knows which node survives.
            cluster.ClusterPorts.AddRange(Enumerable.Range(0, nodes).Select(_ => FreePort.Next()).Order());
            // Node 1 first: it forms the cluster (names itself), the others join through it.
            for (var node = 1; node <= nodes; node++)
                cluster.Nodes.Add(await cluster.StartNodeAsync(node));
            await cluster.AllUpAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private Task<HostProcess> StartNodeAsync(int node) => HostProcess.StartAsync(
        Path.Combine(_dir.Path, $"node{node}"),
        _config,
        "--store", "postgres", "--postgres", _database.ConnectionString,
        "--cluster-port", ClusterPorts[node - 1].ToString(),
        "--seed", $"127.0.0.1:{ClusterPorts[0]}");

    /// <summary>Every node is Up (its leader said so): sharding can place rooms and users anywhere.</summary>
    private async Task AllUpAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!ClusterPorts.All(port => Nodes.Any(node => node.Output.Contains($"@127.0.0.1:{port}] to [Up]", StringComparison.Ordinal))))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the cluster did not come up:\n" + string.Join("\n---\n", Nodes.Select(n => n.Output)));
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits until every other node has seen the node (1-based) removed from the cluster: their
    /// actors have heard that its actors stopped (rooms and users watch each other), and sharding
    /// places its shards anew. Until then a message to an actor there is lost unanswered.
    /// </summary>
    public async Task RemovedAsync(int node)
    {
        var removed = $"Member removed [akka.tcp://chat@127.0.0.1:{ClusterPorts[node - 1]}]";
        var others = Nodes.Where((_, index) => index != node - 1).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!others.All(other => other.Output.Contains(removed, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"node {node} was not removed:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>The node (1-based) where the room was last opened, from the room's log line.</summary>
    public int NodeHolding(string room) => NodeLastLogging($"room {Regex.Escape(room)} open on this node");

    /// <summary>The node (1-based) where the user's actor last came online, from its log line.</summary>
    public int NodeHoldingUser(string user) => NodeLastLogging($"user {Regex.Escape(user)} online on this node");

    private int NodeLastLogging(string line)
    {
        var pattern = new Regex($@"\[(\d\d/\d\d/\d{{4}} \d\d:\d\d:\d\d\.\d+)Z\].*{line}");
        var latest = Nodes
            .Select((node, index) => (Index: index + 1, Last: node.OutputLines.Select(line => pattern.Match(line)).Where(m => m.Success)
                .Select(m => (DateTime?)DateTime.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).LastOrDefault()))
            .Where(n => n.Last is not null)
            .MaxBy(n => n.Last);
        return latest.Index > 0 ? latest.Index : throw new InvalidOperationException($"no node logged \"{line}\"");
    }

    /// <summary>A raw client logged in on the node (1-based), registering the account first unless told not to.</summary>
    public async Task<RawClient> LoggedInAsync(int node, string user, bool register = true)
    {
        var client = await this[node].ConnectAsync();
        await client.HelloAsync();
        if (register)
            Assert.IsType<Chat.Protocol.Ok>(await client.RequestAsync(new Chat.Protocol.Register(user, EndToEndSpec.Password)));
        Assert.IsType<Chat.Protocol.Ok>(await client.RequestAsync(new Chat.Protocol.Login(user, EndToEndSpec.Password)));
        return client;
    }

    public string Output => string.Join("\n---\n", Nodes.Select((n, i) => $"node {i + 1}:\n{n.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
        await _database.DisposeAsync();
        _dir.Dispose();
    }
}
