using Akka.Actor;
using Chat.Actors.Directories;
using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Protocol;

namespace Chat.Actors.Rooms;

/// <summary>
/// The parent of the chat's entities (/user/rooms) on one node: it passes each envelope to its
/// directory. On a single node the directories are its children, the room directory (room name
/// to room actor) and the user directory (account to user actor); on a cluster node they are the
/// node's shard regions (<see cref="ChatDirectories"/> decides which), and nothing else changes.
/// </summary>
public sealed class RoomSupervisor : ReceiveActor
{
    private readonly IChatStore? _store;
    private readonly ChatSettings? _settings;
    private IActorRef _rooms;
    private IActorRef _users;

    /// <summary>Local directories, started as children.</summary>
    public RoomSupervisor(IChatStore store, ChatSettings settings) : this(ActorRefs.Nobody, ActorRefs.Nobody)
    {
        _store = store;
        _settings = settings;
    }

    /// <summary>Directories started elsewhere: the cluster's shard regions for rooms and users.</summary>
    public RoomSupervisor(IActorRef rooms, IActorRef users)
    {
        _rooms = rooms;
        _users = users;
        Receive<RoomEnvelope>(envelope => _rooms.Forward(envelope));
        Receive<UserEnvelope>(envelope => _users.Forward(envelope));
    }

    public static Props Props(IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new RoomSupervisor(store, settings));

    public static Props ForRegions(IActorRef rooms, IActorRef users) =>
        Akka.Actor.Props.Create(() => new RoomSupervisor(rooms, users));

    /// <summary>A failing directory keeps its entities: it only throws on bugs, and its children would be lost with it.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_ => Directive.Resume);

    protected override void PreStart()
    {
        if (_store is null || _settings is null)
            return;
        _rooms = Context.ActorOf(RoomDirectory.Props(_store, _settings), RoomDirectory.Name);
        _users = Context.ActorOf(UserDirectory.Props(_rooms, _store, _settings), UserDirectory.Name);
        // Everyone enters the lobby on arrival: it reads its history while the host starts.
        _rooms.Tell(new StartEntity(RoomNames.Lobby));
    }
}
