using Chat.Host.Hosting;

namespace Chat.Specs.Hosting;

/// <summary>The cluster flags (issue 14, item 1): what they turn on, and what they refuse.</summary>
public class ClusterSettingsSpecs
{
    private const string Postgres = "Host=127.0.0.1;Database=chat;Username=chat";

    private static HostConfiguration Load(params string[] args) => HostConfiguration.Load(ChatHostOptions.Parse(args, _ => null));

    [Fact]
    public void Without_cluster_port_the_host_runs_alone_with_the_local_provider()
    {
        var configuration = Load();

        Assert.Null(configuration.Cluster);
        Assert.False(configuration.Chat.ShardedEntities);
        Assert.False(configuration.Hocon.HasPath("akka.actor.provider"));
        Assert.False(configuration.Hocon.HasPath("akka.remote.dot-netty.tcp.port"));
    }

    [Fact]
    public void A_cluster_node_layers_cluster_conf_binds_loopback_and_names_its_seeds()
    {
        var configuration = Load("--store", "postgres", "--postgres", Postgres, "--cluster-port", "4053", "--seed", "127.0.0.1:4053", "--seed", "10.0.0.2:4053");

        var hocon = configuration.Hocon;
        Assert.True(configuration.Chat.ShardedEntities);
        Assert.Equal("cluster", hocon.GetString("akka.actor.provider"));
        Assert.Equal("127.0.0.1", hocon.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(4053, hocon.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(["akka.tcp://chat@127.0.0.1:4053", "akka.tcp://chat@10.0.0.2:4053"], hocon.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal("keep-majority", hocon.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Contains("SplitBrainResolverProvider", hocon.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal("ddata", hocon.GetString("akka.cluster.sharding.state-store-mode"));
        Assert.False(hocon.GetBoolean("akka.cluster.sharding.remember-entities"));
    }

    [Fact]
    public void Cluster_host_moves_remoting_to_a_private_address()
    {
        var configuration = Load("--store", "postgres", "--postgres", Postgres, "--cluster-port", "4053", "--cluster-host", "10.0.0.1", "--seed", "10.0.0.1:4053");

        Assert.Equal("10.0.0.1", configuration.Hocon.GetString("akka.remote.dot-netty.tcp.hostname"));
    }

    [Theory]
    [InlineData("needs the shared PostgreSQL store", "--cluster-port", "4053", "--seed", "127.0.0.1:4053")]
    [InlineData("at least one --seed", "--store", "postgres", "--postgres", Postgres, "--cluster-port", "4053")]
    [InlineData("need --cluster-port", "--store", "postgres", "--postgres", Postgres, "--seed", "127.0.0.1:4053")]
    [InlineData("need --cluster-port", "--cluster-host", "10.0.0.1")]
    [InlineData("is not HOST:PORT", "--store", "postgres", "--postgres", Postgres, "--cluster-port", "4053", "--seed", "127.0.0.1")]
    [InlineData("is not HOST:PORT", "--store", "postgres", "--postgres", Postgres, "--cluster-port", "4053", "--seed", "127.0.0.1:99999")]
    [InlineData("must name a port", "--store", "postgres", "--postgres", Postgres, "--cluster-port", "0", "--seed", "127.0.0.1:4053")]
    public void Flags_that_cannot_make_one_chat_are_refused_with_what_to_do(string expected, params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => Load(args));

        Assert.Contains(expected, error.Message);
    }
}
