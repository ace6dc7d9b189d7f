using Akka.Actor;

namespace Chat.Actors.Directories;

/// <summary>
/// A message for one entity (a room, a user), named by its id: the one way anything reaches an
/// entity, so nothing outside the directory knows where entities live. The shape of a cluster
/// shard region's envelope: the entity id and the message are all a message extractor reads.
/// </summary>
public interface IEntityEnvelope
{
    string EntityId { get; }
    object Message { get; }
}

/// <summary>Start the entity now, before any message for it (a shard region's StartEntity).</summary>
public sealed record StartEntity(string EntityId);

/// <summary>
/// An entity asks its directory to stop it: the directory holds messages for it from now on and
/// sends it <paramref name="StopMessage"/>; the entity then stops, or answers
/// <see cref="StayActive"/> if something it got in the meantime made it busy again.
/// </summary>
public sealed record Passivate(object StopMessage);

/// <summary>
/// An entity's answer to its stop message when it cannot stop after all (a user who logged in
/// while the directory was being asked): the directory hands it what it held back. Cluster
/// sharding has no such answer; there the entity would stop and start again with the messages.
/// </summary>
public sealed record StayActive
{
    public static readonly StayActive Instance = new();
}

/// <summary>
/// A local stand-in for a cluster shard region: entity id to entity actor. Creates an entity on
/// the first message for it, forwards every message with its sender, and passivates with the
/// shard region's handshake (<see cref="Passivate"/>): messages that arrive while an entity stops
/// wait here and start it again. Replacing a directory with ClusterSharding.Start and a message
/// extractor over the same envelope changes only where the directory is created.
/// </summary>
public abstract class EntityDirectory<TEnvelope> : ReceiveActor where TEnvelope : IEntityEnvelope
{
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _ids = [];
    // Entities asked to stop, and what arrived for them since, in order, with its sender.
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _passivating = new(StringComparer.Ordinal);

    protected EntityDirectory()
    {
        Receive<TEnvelope>(envelope => Deliver(envelope.EntityId, envelope.Message, Sender));
        Receive<StartEntity>(start => Entity(start.EntityId));
        Receive<Passivate>(OnPassivate);
        Receive<StayActive>(_ => OnStayActive());
        Receive<Terminated>(OnTerminated);
    }

    /// <summary>The entity actor for an id, created when it is first needed.</summary>
    protected abstract Props EntityProps(string entityId);

    /// <summary>The entity's actor name: a prefix and the id, escaped to a valid path element.</summary>
    protected abstract string EntityName(string entityId);

    /// <summary>
    /// An entity that fails keeps its state (members, connections) rather than restarting empty:
    /// handlers only throw on bugs, and a room that forgot its members would go silent. One that
    /// fails to start is stopped.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(reason => reason is ActorInitializationException ? Directive.Stop : Directive.Resume);

    private void Deliver(string id, object message, IActorRef sender)
    {
        if (_passivating.TryGetValue(id, out var held))
            held.Add((message, sender));
        else
            Entity(id).Tell(message, sender);
    }

    private IActorRef Entity(string id)
    {
        if (_entities.TryGetValue(id, out var entity))
            return entity;
        entity = Context.ActorOf(EntityProps(id), EntityName(id));
        Context.Watch(entity);
        _entities[id] = entity;
        _ids[entity] = id;
        return entity;
    }

    private void OnPassivate(Passivate passivate)
    {
        if (!_ids.TryGetValue(Sender, out var id) || _passivating.ContainsKey(id))
            return;
        _passivating[id] = [];
        Sender.Tell(passivate.StopMessage);
    }

    private void OnStayActive()
    {
        if (_ids.TryGetValue(Sender, out var id) && _passivating.Remove(id, out var held))
            foreach (var (message, sender) in held)
                Sender.Tell(message, sender);
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!_ids.Remove(terminated.ActorRef, out var id))
            return;
        _entities.Remove(id);
        if (_passivating.Remove(id, out var held))
            foreach (var (message, sender) in held)
                Deliver(id, message, sender);
    }
}
