using System.Collections.Immutable;
using Akka.Actor;
using Chat.Actors.Delivery;

namespace Chat.Actors.Rooms;

/// <summary>
/// A room's members' connections grouped by node, and what each node's delivery actor was told
/// of them (<see cref="RoomAudience"/>). Worked out again at the first send after a change; a node
/// whose sessions changed is told its new audience, a node left without members is told to forget
/// the room. The room's traffic then names the room only: in a cluster, a message to a node
/// carries its bytes and the room's name, never the list of its members there.
/// </summary>
internal sealed class RoomAudiences(string room)
{
    private ImmutableArray<Recipients> _nodes = [];
    private bool _changed = true;

    /// <summary>Member connections in all, for the fan-out metrics.</summary>
    public int Connections { get; private set; }

    /// <summary>Members or their connections changed: worked out again at the next send.</summary>
    public void Changed() => _changed = true;

    /// <summary>The delivery actors of the nodes with members, each told its audience first if it changed.</summary>
    public IEnumerable<IActorRef> Nodes(IEnumerable<ClientConnection> connections, IActorRef self)
    {
        if (_changed)
        {
            _changed = false;
            var next = Outbound.ByNode(connections);
            foreach (var node in next)
                if (!_nodes.Any(before => before.Delivery.Equals(node.Delivery) && before.Sessions.SequenceEqual(node.Sessions)))
                    node.Delivery.Tell(new RoomAudience(room, node.Sessions), self);
            foreach (var gone in _nodes.Where(before => !next.Any(node => node.Delivery.Equals(before.Delivery))))
                gone.Delivery.Tell(new RoomAudience(room, []), self);
            _nodes = next;
            Connections = next.Sum(node => node.Sessions.Length);
        }
        return _nodes.Select(node => node.Delivery);
    }

    /// <summary>The room stops (passivates, moves): every node forgets its audience.</summary>
    public void Forget(IActorRef self, bool systemStopping)
    {
        // When the whole system stops the delivery actors stop too, possibly first: the message
        // would only be a dead letter.
        if (systemStopping)
            return;
        foreach (var node in _nodes)
            node.Delivery.Tell(new RoomAudience(room, []), self);
        _nodes = [];
    }
}
