using Akka.Actor;
using Chat.Actors.Directories;
using Chat.Actors.Storage;
using Chat.Protocol;
using Chat.Actors.Users;

namespace Chat.Actors.Rooms;

/// <summary>
/// The parent of the chat's entities (/user/rooms): the room directory (room name to room actor)
/// and the user directory (account to user actor), so rooms and user actors live under it. It
/// passes each envelope to its directory; in a cluster each directory becomes a shard region,
/// started here, and nothing else changes.
/// </summary>
public sealed class RoomSupervisor : ReceiveActor
{
    private readonly IChatStore _store;
    private readonly ChatSettings _settings;
    private IActorRef _rooms = ActorRefs.Nobody;
    private IActorRef _users = ActorRefs.Nobody;

    public RoomSupervisor(IChatStore store, ChatSettings settings)
    {
        _store = store;
        _settings = settings;
        Receive<RoomEnvelope>(envelope => _rooms.Forward(envelope));
        Receive<UserEnvelope>(envelope => _users.Forward(envelope));
    }

    public static Props Props(IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new RoomSupervisor(store, settings));

    /// <summary>A failing directory keeps its entities: it only throws on bugs, and its children would be lost with it.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_ => Directive.Resume);

    protected override void PreStart()
    {
        _rooms = Context.ActorOf(RoomDirectory.Props(_store, _settings), RoomDirectory.Name);
        _users = Context.ActorOf(UserDirectory.Props(_rooms, _store, _settings), UserDirectory.Name);
        // Everyone enters the lobby on arrival: it reads its history while the host starts.
        _rooms.Tell(new StartEntity(RoomNames.Lobby));
    }
}
