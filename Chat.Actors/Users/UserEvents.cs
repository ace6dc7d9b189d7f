using System.Collections.Immutable;
using Akka.Actor;
using Chat.Actors.Delivery;

namespace Chat.Actors.Users;

// What the user's state decides (UserState.Decide) and what it applies (UserState.Apply).

/// <summary>A request of the user, as the user's state judges it.</summary>
public abstract record UserCommand;

public sealed record AttachTerminal(ClientConnection Connection, string Nickname) : UserCommand;

public sealed record DetachTerminal(IActorRef Session) : UserCommand;

/// <summary>Go away with a reason (possibly ""), or come back (null).</summary>
public sealed record ChangeAway(string? Reason) : UserCommand;

public sealed record ChooseNickname(string Requested) : UserCommand;

public sealed record EnterRoom(string Requested) : UserCommand;

public sealed record ExitRoom(string Requested) : UserCommand;

/// <summary>Something that happened to the user; applying it gives the next state.</summary>
public abstract record UserEvent;

/// <summary>A terminal attached; the first one brings the user online with the account's nickname.</summary>
public sealed record TerminalAttached(ClientConnection Connection, string Nickname, DateTime At) : UserEvent;

/// <summary>A terminal closed; the last one takes the user offline, out of every room and back from away.</summary>
public sealed record TerminalDetached(IActorRef Session, DateTime At) : UserEvent;

public sealed record AwayChanged(string? Reason, DateTime At) : UserEvent;

/// <summary>The new nickname, once stored.</summary>
public sealed record NicknameChanged(string Nickname) : UserEvent;

/// <summary>The user is in the room (once the membership is stored and the room let them in).</summary>
public sealed record RoomJoined(string Room) : UserEvent;

/// <summary>The user is already in the room a join names: nothing changes, the join is answered.</summary>
public sealed record AlreadyInRoom(string Room) : UserEvent;

/// <summary>The user left the room (once stored).</summary>
public sealed record RoomLeft(string Room) : UserEvent;

/// <summary>Why a command was refused: the error code and message the asking terminal gets.</summary>
public sealed record Refusal(string Code, string Message);

/// <summary>What the state decided: events to store and apply, or a refusal. Neither: nothing to do.</summary>
public sealed record Decision(ImmutableArray<UserEvent> Events, Refusal? Refused = null)
{
    public static readonly Decision Nothing = new([]);

    public static Decision Of(UserEvent e) => new([e]);

    public static Decision Refuse(string code, string message) => new([], new Refusal(code, message));
}
