using Akka.Actor;
using Akka.Cluster.Sharding;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Actors.Users;

namespace Chat.Actors.Directories;

/// <summary>
/// The one place that decides where rooms and users live: in local directories under the room
/// supervisor (a single node), or in ClusterSharding regions (a cluster node, when
/// <see cref="ChatSettings.ShardedEntities"/>), whose message extractor reads the same envelopes
/// the directories take. Either way the callers get the room supervisor (/user/rooms) and send
/// it <see cref="RoomEnvelope"/> and <see cref="UserEnvelope"/>.
/// </summary>
public static class ChatDirectories
{
    public const string SupervisorName = "rooms";
    public const string RoomTypeName = "room";
    public const string UserTypeName = "user";

    /// <summary>
    /// Shards per entity type. Ten per node of the largest cluster planned is the usual advice;
    /// it cannot change while any node runs, as it decides which shard an id belongs to.
    /// </summary>
    public const int ShardCount = 100;

    /// <summary>
    /// Starts the room supervisor and, on a cluster node, the two shard regions first. Blocks until
    /// the regions are up: call it while the actor system starts, never from inside an actor.
    /// </summary>
    public static IActorRef Start(ActorSystem system, IChatStore store, ChatSettings settings)
    {
        if (!settings.ShardedEntities)
            return system.ActorOf(RoomSupervisor.Props(store, settings), SupervisorName);

        var sharding = ClusterSharding.Get(system);
        // Remember-entities off: a room or user that moves starts again on its next message and
        // reads what it needs from the store. The coordinator keeps its state in ddata (no database).
        var shardingSettings = ClusterShardingSettings.Create(system)
            .WithRememberEntities(false)
            .WithStateStoreMode(StateStoreMode.DData);
        var extractor = new EnvelopeExtractor(ShardCount);
        // A room handed off (its node leaves) first commits what it accepted: see HandOffRoom.
        var rooms = sharding.Start(
            RoomTypeName,
            room => RoomActor.Props(room, store, settings),
            shardingSettings,
            extractor,
            sharding.DefaultShardAllocationStrategy(shardingSettings),
            HandOffRoom.Instance);
        // A user actor reaches other users through the user region: looked up when the first user
        // actor starts, by which time the region exists.
        // A user handed off first hears back from the store calls it made: see HandOffUser.
        var users = sharding.Start(
            UserTypeName,
            user => UserActor.Props(user, sharding.ShardRegion(UserTypeName), rooms, store, settings),
            shardingSettings,
            extractor,
            sharding.DefaultShardAllocationStrategy(shardingSettings),
            HandOffUser.Instance);
        return system.ActorOf(RoomSupervisor.ForRegions(rooms, users), SupervisorName);
    }

    /// <summary>Reads an entity envelope: its id picks the entity (and, hashed, the shard), its message is what the entity gets.</summary>
    private sealed class EnvelopeExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
    {
        public override string? EntityId(object message) => (message as IEntityEnvelope)?.EntityId;

        public override object EntityMessage(object message) => message is IEntityEnvelope envelope ? envelope.Message : message;
    }
}
