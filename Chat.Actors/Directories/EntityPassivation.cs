using Akka.Actor;

namespace Chat.Actors.Directories;

/// <summary>
/// How an idle entity (a room, a user) asks to be stopped, wherever it lives: under a local
/// <see cref="EntityDirectory{TEnvelope}"/> with this project's <see cref="Passivate"/> and
/// <see cref="StayActive"/>, or in a cluster shard with sharding's own passivation. A shard holds
/// every message for the entity from the request on and starts the entity again for them once
/// it has stopped; it has no "stay active" answer, so an entity that finds itself busy when its
/// stop message comes (a store write still out, a fan-out still unconfirmed) asks again a little
/// later: nothing new reaches it through the shard meanwhile, so it soon is idle and stops.
/// </summary>
public static class EntityPassivation
{
    /// <summary>How long a sharded entity that was busy at its stop message waits before checking again.</summary>
    public static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(200);

    /// <summary>Ask the entity's parent (directory or shard) to stop it with <paramref name="stopMessage"/>.</summary>
    public static void Request(IActorContext context, ChatSettings settings, object stopMessage) =>
        context.Parent.Tell(settings.ShardedEntities
            ? new Akka.Cluster.Sharding.Passivate(stopMessage)
            : new Passivate(stopMessage));

    /// <summary>The stop message came while the entity was busy: stay, and (in a shard) try again.</summary>
    public static void NotYet(IActorContext context, ChatSettings settings, object stopMessage)
    {
        if (settings.ShardedEntities)
            context.System.Scheduler.ScheduleTellOnce(BusyRetry, context.Self, stopMessage, context.Self);
        else
            context.Parent.Tell(StayActive.Instance);
    }
}
