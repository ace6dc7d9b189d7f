using Chat.Actors.Text;
using System.Collections.Immutable;
using Akka.Actor;
using Chat.Actors.Accounts;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>
/// One user's state, free of actors' behaviour: nickname, the terminals (connections) the user
/// is logged in from, the rooms the user is in, away. It decides what a command means (a
/// nickname or away reason that is not acceptable, a room the user cannot leave) and applies
/// what happened. A user is online while at least one terminal is attached. Immutable: the user
/// actor holds the current value.
/// </summary>
public sealed record UserState(string Username, string Nickname)
{
    /// <summary>Each attached terminal, by its session (a plain id to the state).</summary>
    public ImmutableDictionary<IActorRef, ClientConnection> Connections { get; init; } = ImmutableDictionary<IActorRef, ClientConnection>.Empty;

    public ImmutableHashSet<string> Rooms { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public bool IsOnline => !Connections.IsEmpty;

    /// <summary>The users whose room lines and DMs the user's clients hide; loaded at arrival.</summary>
    public ImmutableSortedSet<string> Ignored { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>A host operator (the admin command's grant): rules every room.</summary>
    public bool HostOperator { get; init; }

    /// <summary>The sessions of every terminal but <paramref name="keep"/>'s.</summary>
    public IEnumerable<IActorRef> OtherTerminals(IActorRef keep) => Connections.Keys.Where(session => !session.Equals(keep));

    /// <summary>The away reason ("" when none was given); null while not away.</summary>
    public string? Away { get; init; }

    /// <summary>When the user came online, or went away while away.</summary>
    public DateTime Since { get; init; }

    /// <summary>When the last terminal closed; null while online and for a user not yet seen offline.</summary>
    public DateTime? LastSeen { get; init; }

    public Decision Decide(UserCommand command, DateTime now) => command switch
    {
        AttachTerminal attach => Connections.ContainsKey(attach.Connection.Session)
            ? Decision.Nothing
            : Decision.Of(new TerminalAttached(attach.Connection, attach.Nickname, now)),
        DetachTerminal detach => Connections.ContainsKey(detach.Session)
            ? Decision.Of(new TerminalDetached(detach.Session, now))
            : Decision.Nothing,
        ChangeAway away => DecideAway(away.Reason, now),
        ChooseNickname nick => AccountRules.TryNormalizeNickname(nick.Requested, out var nickname, out var problem)
            ? Decision.Of(new NicknameChanged(nickname))
            : Decision.Refuse(ErrorCodes.BadNick, problem!),
        EnterRoom enter => !RoomRules.TryNormalizeRoomName(enter.Requested, out var room)
            ? Decision.Refuse(ErrorCodes.BadRoom, "a room name is 2 to 32 of a-z, 0-9, _ and -")
            : Decision.Of(Rooms.Contains(room) ? new AlreadyInRoom(room) : new RoomJoined(room)),
        ExitRoom exit => DecideExit(exit.Requested),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a user command"),
    };

    private Decision DecideAway(string? reason, DateTime now)
    {
        if (reason is { Length: > AccountRules.MaxAwayReasonLength } || (reason ?? "").Any(char.IsControl))
            return Decision.Refuse(ErrorCodes.BadText, $"an away reason is one line of at most {AccountRules.MaxAwayReasonLength} characters");
        if (reason is not null && !TextRules.TryClean(reason, out reason, out var problem))
            return Decision.Refuse(ErrorCodes.BadText, problem!);
        var trimmed = reason?.Trim();
        return trimmed == Away ? Decision.Nothing : Decision.Of(new AwayChanged(trimmed, now));
    }

    private Decision DecideExit(string requested)
    {
        if (!RoomRules.TryNormalizeRoomName(requested, out var room) || room == RoomNames.Lobby)
            return Decision.Refuse(ErrorCodes.BadRoom, "everyone stays in the lobby; other rooms can be left");
        return Rooms.Contains(room)
            ? Decision.Of(new RoomLeft(room))
            : Decision.Refuse(ErrorCodes.NotInRoom, $"you are not in {room}");
    }

    public UserState Apply(UserEvent e) => e switch
    {
        TerminalAttached attached => IsOnline
            ? this with { Connections = Connections.SetItem(attached.Connection.Session, attached.Connection) }
            : this with
            {
                Connections = Connections.SetItem(attached.Connection.Session, attached.Connection),
                Nickname = attached.Nickname,
                Since = attached.At,
            },
        TerminalDetached detached when Connections.Remove(detached.Session) is var left && left.IsEmpty => this with
        {
            Connections = left,
            Rooms = Rooms.Clear(),
            Away = null,
            LastSeen = detached.At,
        },
        TerminalDetached detached => this with { Connections = Connections.Remove(detached.Session) },
        AwayChanged away => this with { Away = away.Reason, Since = away.At },
        NicknameChanged nick => this with { Nickname = nick.Nickname },
        RoomJoined joined => this with { Rooms = Rooms.Add(joined.Room) },
        RoomLeft left => this with { Rooms = Rooms.Remove(left.Room) },
        AlreadyInRoom => this,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "not a user event"),
    };

    public UserState Apply(IEnumerable<UserEvent> events) => events.Aggregate(this, (state, e) => state.Apply(e));
}
