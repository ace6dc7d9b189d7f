using Akka.Actor;

namespace Chat.Actors.Users;

/// <summary>
/// One user's live state, free of actors: nickname, the connections the user is logged in from,
/// and the rooms the user is in. A user is online while at least one connection is attached.
/// </summary>
public sealed class UserState(string username, string nickname)
{
    private readonly HashSet<IActorRef> _connections = [];
    private readonly Dictionary<string, IActorRef> _rooms = new(StringComparer.Ordinal);

    public string Username { get; } = username;
    public string Nickname { get; private set; } = nickname;
    public IReadOnlyCollection<IActorRef> Connections => _connections;
    public IReadOnlyDictionary<string, IActorRef> Rooms => _rooms;
    public bool IsOnline => _connections.Count > 0;

    /// <summary>True when this is the user's first connection: the user comes online.</summary>
    public bool Attach(IActorRef connection) => _connections.Add(connection) && _connections.Count == 1;

    /// <summary>True when this was the user's last connection: the user goes offline.</summary>
    public bool Detach(IActorRef connection) => _connections.Remove(connection) && _connections.Count == 0;

    /// <summary>The old nickname, or null when it did not change.</summary>
    public string? Rename(string nickname)
    {
        if (nickname == Nickname)
            return null;
        var old = Nickname;
        Nickname = nickname;
        return old;
    }

    public void EnterRoom(string room, IActorRef actor) => _rooms[room] = actor;

    public void LeaveAllRooms() => _rooms.Clear();

    public IActorRef? Room(string room) => _rooms.GetValueOrDefault(room);
}
