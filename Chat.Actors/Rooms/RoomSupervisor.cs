using Akka.Actor;
using Chat.Protocol;
using Chat.Actors.Storage;
using Chat.Actors.Users;

namespace Chat.Actors.Rooms;

/// <summary>
/// The parent of the chat: one room actor per room (the lobby from the start) and one user actor
/// per logged-in user, created on the first attach and stopped once it has no connection left
/// and says it is idle.
/// It is also the directory through which a user actor reaches another user.
/// </summary>
public sealed class RoomSupervisor : ReceiveActor
{
    private readonly IChatStore _store;
    private readonly ChatSettings _settings;
    private readonly Dictionary<string, IActorRef> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _users = new(StringComparer.Ordinal);
    // Users whose actor was asked to stop; attaches for them wait here until we know the outcome.
    private readonly Dictionary<string, List<AttachConnection>> _stopping = new(StringComparer.Ordinal);
    private const string UserActorPrefix = "user-";

    public RoomSupervisor(IChatStore store, ChatSettings settings)
    {
        _store = store;
        _settings = settings;

        Receive<AttachConnection>(OnAttach);
        Receive<EnterRoom>(enter => Room(enter.Room).Tell(enter.Join));
        Receive<ReconnectToRoom>(reconnect => Room(reconnect.Room).Tell(reconnect.Connections));
        Receive<DeliverDirect>(OnDeliverDirect);
        Receive<WhoisQuery>(OnWhois);
        Receive<UserIdle>(OnUserIdle);
        Receive<UserStillActive>(OnUserStillActive);
        Receive<Terminated>(OnTerminated);
    }

    public static Props Props(IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new RoomSupervisor(store, settings));

    /// <summary>
    /// A failing room or user keeps its state (members, connections) rather than restarting empty:
    /// their handlers only throw on bugs, and a room that forgot its members would go silent.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(reason => reason is ActorInitializationException ? Directive.Stop : Directive.Resume);

    protected override void PreStart() => Room(RoomNames.Lobby);

    private IActorRef Room(string name)
    {
        if (_rooms.TryGetValue(name, out var room))
            return room;
        room = Context.ActorOf(RoomActor.Props(name, _store, _settings), $"room-{Uri.EscapeDataString(name)}");
        _rooms[name] = room;
        return room;
    }

    private void OnAttach(AttachConnection attach)
    {
        if (_stopping.TryGetValue(attach.Username, out var waiting))
        {
            waiting.Add(attach);
            return;
        }
        if (!_users.TryGetValue(attach.Username, out var user))
        {
            user = Context.ActorOf(
                UserActor.Props(attach.Username, attach.Nickname, _store, _settings),
                UserActorPrefix + attach.Username);
            Context.Watch(user);
            _users[attach.Username] = user;
        }
        user.Forward(attach);
    }

    /// <summary>The user actor of an online (or just now leaving) user; null when the user is offline.</summary>
    private IActorRef? LiveUser(string username) =>
        !_stopping.ContainsKey(username) && _users.TryGetValue(username, out var user) ? user : null;

    private void OnDeliverDirect(DeliverDirect delivery)
    {
        if (LiveUser(delivery.To) is { } recipient)
            recipient.Forward(delivery);
        else
            delivery.ReplyTo.Tell(delivery.Ack);
    }

    private void OnWhois(WhoisQuery query)
    {
        if (LiveUser(query.Username) is { } user)
        {
            user.Tell(query);
            return;
        }
        _store.FindAccountAsync(query.Username).PipeTo(
            query.ReplyTo,
            success: account => account is null
                ? new ErrorReply(ErrorCodes.NoSuchUser, $"there is no user \"{query.Username}\"") { Re = query.Re }
                : new WhoisInfo(account.Username, account.Nickname, Online: false) { Re = query.Re, Since = account.LastSeen },
            failure: _ => new ErrorReply(ErrorCodes.Unavailable, "the account could not be read; try again") { Re = query.Re });
    }

    private void OnUserIdle(UserIdle idle)
    {
        if (!_users.TryGetValue(idle.Username, out var user) || _stopping.ContainsKey(idle.Username))
            return;
        _stopping[idle.Username] = [];
        user.Tell(StopIfIdle.Instance);
    }

    private void OnUserStillActive(UserStillActive active)
    {
        if (!_stopping.Remove(active.Username, out var waiting))
            return;
        foreach (var attach in waiting)
            OnAttach(attach);
    }

    private void OnTerminated(Terminated terminated)
    {
        var username = UsernameOf(terminated.ActorRef);
        if (!_users.Remove(username))
            return;
        if (_stopping.Remove(username, out var waiting))
            foreach (var attach in waiting)
                OnAttach(attach);
    }

    private static string UsernameOf(IActorRef user) => user.Path.Name[UserActorPrefix.Length..];
}
