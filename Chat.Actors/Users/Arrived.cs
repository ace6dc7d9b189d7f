using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>What the store knows about a user coming online: their rooms, unread counts and the DMs that waited for them.</summary>
public sealed record Arrived(ImmutableArray<string> Rooms, Unread Unread, ImmutableArray<DirectMessageRecord> Undelivered)
{
    /// <summary>The users whose lines the user's client hides.</summary>
    public ImmutableArray<string> Ignored { get; init; } = [];

    private const int UndeliveredAtLogin = 500;

    /// <summary>When the store could not be read: the user gets the lobby, and nothing else is shown.</summary>
    public static readonly Arrived LobbyOnly = new([RoomNames.Lobby], new Unread([]), []);

    /// <summary>Loads it for the user actor <paramref name="user"/>; what cannot be read is logged, and the user gets the lobby only.</summary>
    public static void PipeLoad(IChatStore store, string username, IActorRef user, ActorSystem system) =>
        LoadAsync(store, username).PipeTo(user, failure: reason =>
        {
            Logging.GetLogger(system, user).Error(reason, "user {0}: could not load rooms and unread state; joining the lobby only", username);
            return LobbyOnly;
        });

    /// <summary>A further terminal's unread counts, for the user actor <paramref name="user"/> to send it (none when they cannot be read: logged).</summary>
    public static void PipeTerminalUnread(IChatStore store, string username, IActorRef session, IActorRef user, ActorSystem system) =>
        UnreadAsync(store, username).PipeTo(
            user,
            success: unread => new TerminalUnreadLoaded(session, unread),
            failure: reason =>
            {
                Logging.GetLogger(system, user).Error(reason, "user {0}: could not load the unread counts for another terminal", username);
                return new TerminalUnreadLoaded(session, null);
            });

    /// <summary>Reads it in one task (making sure the user is in the lobby first: a first login).</summary>
    public static async Task<Arrived> LoadAsync(IChatStore store, string username)
    {
        await store.AddRoomMemberAsync(RoomNames.Lobby, username);
        return new Arrived(
            [.. await store.RoomsOfAsync(username)],
            await UnreadAsync(store, username),
            [.. await store.UndeliveredDirectMessagesAsync(username, UndeliveredAtLogin)])
        {
            Ignored = [.. await store.IgnoredByAsync(username)],
        };
    }

    /// <summary>The unread counts, with the conversation list as kept (the lobby first, the other rooms in the order joined, then the open DMs).</summary>
    public static async Task<Unread> UnreadAsync(IChatStore store, string username)
    {
        var unread = await store.UnreadAsync(username);
        var open = await store.OpenConversationsAsync(username);
        return new Unread(unread.Direct.Select(d => new UnreadConversation(d.Count) { With = d.With })
            .Concat(unread.Rooms.Select(r => new UnreadConversation(r.Count) { Room = r.Room }))
            .ToImmutableArray())
        {
            Open = open.Rooms.OrderBy(room => room != RoomNames.Lobby).Select(room => new OpenConversation { Room = room })
                .Concat(open.Directs.Select(other => new OpenConversation { With = other }))
                .ToImmutableArray(),
        };
    }
}
