using Akka.Actor;
using Chat.Actors.Protocol;

namespace Chat.Actors.Rooms;

// Commands to a room actor, sent by user actors on behalf of their user.

public sealed record JoinRoom(string Username, string Nickname, IActorRef User);

public sealed record LeaveRoom(string Username);

/// <summary>Say something in the room; the room answers <paramref name="ReplyTo"/> once it is committed.</summary>
public sealed record PostMessage(string Username, string Nickname, string Text, RequestId? Re, IActorRef ReplyTo);

public sealed record RenameMember(string Username, string Nickname);

// Queries.

public sealed record ListMembers(RequestId? Re, IActorRef ReplyTo);

/// <summary>Ask the RoomSupervisor for a room's actor; answered with RoomRef.</summary>
public sealed record GetRoom(string Room);

public sealed record RoomRef(string Room, IActorRef Actor);
