using Akka.Actor;
using Chat.Actors.Directories;
using Chat.Actors.Storage;

namespace Chat.Actors.Users;

/// <summary>
/// Account to user actor: starts a user's actor on the first message for the user (a login, a
/// DM, a whois), and lets it stop once it has no connection left.
/// </summary>
public sealed class UserDirectory(IActorRef rooms, IChatStore store, ChatSettings settings) : EntityDirectory<UserEnvelope>
{
    public const string Name = "user-directory";

    public static Props Props(IActorRef rooms, IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new UserDirectory(rooms, store, settings));

    protected override Props EntityProps(string entityId) => UserActor.Props(entityId, Self, rooms, store, settings);

    protected override string EntityName(string entityId) => $"user-{Uri.EscapeDataString(entityId)}";
}
