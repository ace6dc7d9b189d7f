using Akka.Actor;
using Akka.Hosting;
using Chat.Protocol;
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
    /// directories, or on a cluster node the way to its shard regions). When the host is asked
    /// to stop, the delivery actor tells every client why, before Kestrel waits for them to go;
    /// what the actors leave behind as they stop is not logged (<see cref="DeadLettersAtShutdown"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithChatActors(this AkkaConfigurationBuilder builder, IChatStore store, ChatSettings settings) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var delivery = system.ActorOf(DeliveryActor.Props(FanOutPacing.From(settings), settings.Session.GuardCheckInterval), DeliveryActor.Name);
            registry.Register<DeliveryActor>(delivery);
            resolver.GetService<IHostApplicationLifetime>().ApplicationStopping.Register(() => delivery.Tell(Farewell));
            registry.Register<AuthActor>(system.ActorOf(AuthActor.Props(store, settings), "auth"));
            registry.Register<RoomSupervisor>(ChatDirectories.Start(system, store, settings));
            DeadLettersAtShutdown.KeepOutOfTheLog(system);
        });

    public static readonly SayGoodbyeToAll Farewell = new(ErrorCodes.ShuttingDown, "the host is shutting down; reconnect in a moment");
}
