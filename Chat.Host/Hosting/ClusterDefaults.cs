using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;

namespace Chat.Host.Hosting;

public static class ClusterDefaults
{
    /// <summary>
    /// On a cluster node, the reference configuration of sharding and what it stands on (the
    /// coordinator's singleton, distributed data) from the start, so their serializers are bound
    /// before the first message crosses nodes rather than when each extension first loads.
    /// </summary>
    public static AkkaConfigurationBuilder AddClusterDefaults(this AkkaConfigurationBuilder builder, ClusterSettings? cluster) =>
        cluster is null
            ? builder
            : builder
                .AddHocon(ClusterSharding.DefaultConfig(), HoconAddMode.Append)
                .AddHocon(ClusterSingleton.DefaultConfig(), HoconAddMode.Append)
                .AddHocon(Akka.DistributedData.DistributedData.DefaultConfig(), HoconAddMode.Append);
}
