using System.Collections.Immutable;
using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>
/// The changes the user's next requests depend on (joining or leaving a room, a new nickname):
/// stored first, applied once stored. The user actor settles meanwhile (its requests wait), and
/// counts each as a store call in flight, so neither a hand-off nor passivation stops it before
/// the answer is back and its asker told.
/// </summary>
internal sealed class StoredChanges(IActorRef self, IActorRef rooms, IChatStore store, StoreWrites writes, RoomActors roomActors)
{
    /// <summary>
    /// Stores the change, which comes back as <see cref="ChangeStored"/> or as a <see cref="WriteFailed"/>
    /// that ends settling; false when there is nothing to store (a join of a room the user is in, answered here).
    /// </summary>
    public bool Store(string username, UserEvent change, RequestId? re, IActorRef asker)
    {
        if (change is AlreadyInRoom already)
        {
            asker.Tell(new Ok { Re = re, Room = already.Room });
            return false;
        }
        var (write, what) = change switch
        {
            RoomJoined joined => (store.AddRoomMemberAsync(joined.Room, username), "room membership"),
            RoomLeft left => (store.RemoveRoomMemberAsync(left.Room, username), "room membership"),
            NicknameChanged nick => (store.ClaimNicknameAsync(username, nick.Nickname), "nickname"),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "not a stored change"),
        };
        writes.Began();
        write.PipeTo(self, success: () => new ChangeStored(change, re, asker), failure: writes.Failure(what, re, asker, endsSettling: true));
        return true;
    }

    /// <summary>
    /// The change is stored: applied, the rooms told, the asker answered. A join is applied when
    /// the room lets the user in (RoomEntered), which answers it; an actor <paramref name="handingOff"/>
    /// takes it no further but refuses it: the stored membership is entered by the user's next
    /// incarnation, and the join said again there is answered at once.
    /// </summary>
    public UserState Apply(UserState state, ChangeStored stored, ImmutableArray<ClientConnection> connections, bool handingOff)
    {
        writes.Settled();
        switch (stored.Change)
        {
            case RoomJoined when handingOff:
                stored.ReplyTo.Tell(UserRequestsInFlight.Refusal(stored.Re));
                return state;
            case RoomJoined joined:
                rooms.Tell(new RoomEnvelope(joined.Room, new JoinRoom(state.Username, state.Nickname, state.Away, self, connections, stored.Re, state.Connections.GetValueOrDefault(stored.ReplyTo)) { HostOperator = state.HostOperator }));
                return state;
            case RoomLeft left:
                if (roomActors.Left(left.Room, out var room))
                    room!.Tell(new LeaveRoom(state.Username));
                stored.ReplyTo.Tell(new Ok { Re = stored.Re, Room = left.Room });
                return state.Apply(left);
            case NicknameChanged nick:
                stored.ReplyTo.Tell(new Ok { Re = stored.Re, User = state.Username, Nick = nick.Nickname });
                roomActors.TellAll(new RenameMember(state.Username, nick.Nickname));
                return state.Apply(nick);
            default:
                return state;
        }
    }
}
