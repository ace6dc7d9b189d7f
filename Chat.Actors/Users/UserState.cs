using Akka.Actor;
using Chat.Actors.Delivery;

namespace Chat.Actors.Users;

/// <summary>
/// One user's live state, free of actors: nickname, the connections the user is logged in from,
/// and the rooms the user is in. A user is online while at least one connection is attached.
/// </summary>
public sealed class UserState(string username, string nickname)
{
    private readonly Dictionary<IActorRef, ClientConnection> _connections = [];
    private readonly Dictionary<string, IActorRef> _rooms = new(StringComparer.Ordinal);

    public string Username { get; } = username;
    public string Nickname { get; private set; } = nickname;
    /// <summary>Each attached connection, by its session.</summary>
    public IReadOnlyDictionary<IActorRef, ClientConnection> Connections => _connections;
    public IReadOnlyDictionary<string, IActorRef> Rooms => _rooms;
    public bool IsOnline => _connections.Count > 0;

    /// <summary>The away reason ("" when none was given); null while not away.</summary>
    public string? Away { get; private set; }

    /// <summary>When the user came online, or went away while away.</summary>
    public DateTime Since { get; private set; }

    /// <summary>True when this is the user's first connection: the user comes online, with the account's nickname.</summary>
    public bool Attach(ClientConnection connection, string nickname, DateTime now)
    {
        if (!_connections.TryAdd(connection.Session, connection) || _connections.Count != 1)
            return false;
        Nickname = nickname;
        Since = now;
        return true;
    }

    /// <summary>When the last connection closed; null while online and for a user not yet seen offline.</summary>
    public DateTime? LastSeen { get; private set; }

    /// <summary>True when this was the user's last connection: the user goes offline (and is no longer away).</summary>
    public bool Detach(IActorRef connection, DateTime now)
    {
        if (!_connections.Remove(connection) || _connections.Count != 0)
            return false;
        Away = null;
        LastSeen = now;
        return true;
    }

    /// <summary>Away with a reason, or back with null; false when nothing changed.</summary>
    public bool SetAway(string? reason, DateTime now)
    {
        if (Away == reason)
            return false;
        Away = reason;
        Since = now;
        return true;
    }

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

    public void LeaveRoom(string room) => _rooms.Remove(room);

    public void LeaveAllRooms() => _rooms.Clear();

    public IActorRef? Room(string room) => _rooms.GetValueOrDefault(room);
}
