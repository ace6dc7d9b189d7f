using Akka.Hosting;
using Chat.Actors;
using Chat.Actors.Accounts;
using Chat.Actors.Delivery;
using Chat.Actors.Directories;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;

namespace Chat.Host.Hosting;

public static class ChatActors
{
    /// <summary>
    /// The host's top-level actors: the node's delivery actor (the one writer of its client
    /// connections), the auth actor and the room supervisor (the parent of the room and user
    /// directories, or on a cluster node the way to its shard regions).
    /// </summary>
    public static AkkaConfigurationBuilder WithChatActors(this AkkaConfigurationBuilder builder, IChatStore store, ChatSettings settings) =>
        builder.WithActors((system, registry) =>
        {
            registry.Register<DeliveryActor>(system.ActorOf(DeliveryActor.Props(), DeliveryActor.Name));
            registry.Register<AuthActor>(system.ActorOf(AuthActor.Props(store, settings), "auth"));
            registry.Register<RoomSupervisor>(ChatDirectories.Start(system, store, settings));
        });
}
