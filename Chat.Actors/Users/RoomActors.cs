using Akka.Actor;
using Chat.Actors.Rooms;

namespace Chat.Actors.Users;

/// <summary>
/// The actors of the rooms a user is in, by room name, watched. A room actor with members stops
/// only when it moves: in a cluster, its node left (its shards were handed off) or was lost.
/// The user is still a member then, and must enter the room's next incarnation, which knows only
/// what the store kept (<see cref="Lost"/> says which room to enter again).
/// </summary>
internal sealed class RoomActors(IActorContext context, IActorRef directory)
{
    private readonly Dictionary<string, IActorRef> _byName = new(StringComparer.Ordinal);
    // Each with how the user comes (returning, into a room that moved) rather than arrives. Made
    // when a room is asked and dropped when the last answered: an idle user holds none.
    private Dictionary<string, (bool Returning, bool Moved)>? _entering;

    /// <summary>Rooms asked to let the user in (arriving, or after a room moved) that have not answered yet.</summary>
    public IReadOnlyCollection<string> Entering => _entering?.Keys ?? (IReadOnlyCollection<string>)[];

    /// <summary>Asks the room, through the room directory (wherever its actor is now), to let the user in.</summary>
    public void Enter(string room, JoinRoom join)
    {
        (_entering ??= new(StringComparer.Ordinal))[room] = (join.Returning, join.Moved);
        directory.Tell(new RoomEnvelope(room, join));
    }

    /// <summary>Asks again every room that has not answered (its join may have been lost with the room's node), with the user as they are now.</summary>
    public void AskAgain(Func<JoinRoom> joining)
    {
        foreach (var (room, how) in _entering ?? [])
            directory.Tell(new RoomEnvelope(room, joining() with { Returning = how.Returning, Moved = how.Moved }));
    }

    /// <summary>Tells the rooms the user is in, or is entering, which connections to send to now.</summary>
    public void TellConnections(IEnumerable<string> rooms, MemberConnections connections)
    {
        foreach (var room in rooms.Concat(Entering).Distinct())
            directory.Tell(new RoomEnvelope(room, connections));
    }

    /// <summary>The room answered (let the user in or refused); true when it was the last one asked.</summary>
    public bool Answered(string room)
    {
        if (_entering is null)
            return true;
        // An answer from a room not (or no longer) asked, a repeat, leaves the others waiting.
        _entering.Remove(room);
        if (_entering.Count > 0)
            return false;
        _entering = null;
        return true;
    }

    public void StopEntering() => _entering = null;

    public IActorRef? Find(string room) => _byName.GetValueOrDefault(room);

    public void TellAll(object message)
    {
        foreach (var actor in _byName.Values)
            actor.Tell(message);
    }

    /// <summary>Tells the rooms the user is in, and those still asked to let the user in (through the directory, behind the join).</summary>
    public void TellAllAndEntering(object message)
    {
        TellAll(message);
        foreach (var room in Entering)
            directory.Tell(new RoomEnvelope(room, message));
    }

    public void Entered(string room, IActorRef actor)
    {
        if (_byName.Remove(room, out var earlier) && !earlier.Equals(actor))
            context.Unwatch(earlier);
        _byName[room] = actor;
        context.Watch(actor);
    }

    public bool Left(string room, out IActorRef? actor)
    {
        if (!_byName.Remove(room, out actor))
            return false;
        context.Unwatch(actor);
        return true;
    }

    public void Clear()
    {
        foreach (var actor in _byName.Values)
            context.Unwatch(actor);
        _byName.Clear();
    }

    /// <summary>The room whose actor stopped, now forgotten; null when the actor was none of the user's rooms.</summary>
    public string? Lost(IActorRef actor)
    {
        var room = _byName.FirstOrDefault(entry => entry.Value.Equals(actor)).Key;
        if (room is not null)
            _byName.Remove(room);
        return room;
    }
}
