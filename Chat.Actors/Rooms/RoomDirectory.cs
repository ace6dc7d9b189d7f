using Akka.Actor;
using Chat.Actors.Directories;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>A message for the room named <paramref name="Room"/> (normalised), through the room directory.</summary>
public sealed record RoomEnvelope(string Room, object Message) : IEntityEnvelope
{
    public string EntityId => Room;
}

/// <summary>Room name to room actor: starts a room on its first message, and lets an empty, idle room stop.</summary>
public sealed class RoomDirectory(IChatStore store, ChatSettings settings) : EntityDirectory<RoomEnvelope>
{
    public const string Name = "room-directory";

    public static Props Props(IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new RoomDirectory(store, settings));

    protected override Props EntityProps(string entityId) => RoomActor.Props(entityId, store, settings);

    protected override string EntityName(string entityId) => $"room-{Uri.EscapeDataString(entityId)}";
}
