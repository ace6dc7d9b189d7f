using Akka.Hosting;
using Chat.Actors;
using Chat.Actors.Accounts;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;

namespace Chat.Host.Hosting;

public static class ChatActors
{
    /// <summary>The host's top-level actors: the auth actor and the room supervisor (which starts the lobby).</summary>
    public static AkkaConfigurationBuilder WithChatActors(this AkkaConfigurationBuilder builder, IChatStore store, ChatSettings settings) =>
        builder.WithActors((system, registry) =>
        {
            registry.Register<AuthActor>(system.ActorOf(AuthActor.Props(store, settings), "auth"));
            registry.Register<RoomSupervisor>(system.ActorOf(RoomSupervisor.Props(store, settings), "rooms"));
        });
}
