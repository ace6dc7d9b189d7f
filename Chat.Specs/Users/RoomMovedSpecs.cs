using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Chat.Actors;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Users;

/// <summary>
/// In a cluster a room's actor stops while its members stay members (its node left or was lost):
/// the user actor enters the room's next incarnation through the directory, and the user's
/// requests wait until it is in (issue 14, item 2).
/// </summary>
public sealed class RoomMovedSpecs : ActorSpec
{
    private static readonly ChatSettings Unlimited = Settings with
    {
        Session = Settings.Session with { FloodBurst = 1_000_000, FloodLinesPerSecond = 1_000_000 },
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.CreateAccountAsync(new Account("alice", "not-a-real-hash", "alice", DateTime.UtcNow));
    }

    [Fact]
    public void A_user_whose_room_actor_stops_enters_the_room_again_and_its_say_waits_for_that()
    {
        var directory = CreateTestProbe();
        var users = CreateTestProbe();
        var user = Sys.ActorOf(UserActor.Props("alice", users.Ref, directory.Ref, Store, Unlimited));
        var connection = CreateTestProbe();
        user.Tell(new AttachConnection("alice", "alice", Connect(connection)));
        ExpectLogin(connection);
        var firstJoin = directory.ExpectMsg<RoomEnvelope>(e => e is { Room: RoomNames.Lobby, Message: JoinRoom }, RawClient.Patience);
        var firstRoom = CreateTestProbe();
        user.Tell(new RoomEntered(RoomNames.Lobby, firstRoom.Ref));

        Sys.Stop(firstRoom.Ref);
        var again = directory.ExpectMsg<RoomEnvelope>(e => e is { Room: RoomNames.Lobby, Message: JoinRoom }, RawClient.Patience);
        user.Tell(new SayInRoom(RoomNames.Lobby, "after the move", RequestId.FromNumber(5)), connection.Ref);
        var nextRoom = CreateTestProbe();
        user.Tell(new RoomEntered(RoomNames.Lobby, nextRoom.Ref));

        Assert.Equal(
            ((JoinRoom)firstJoin.Message).Connections.Select(c => c.Session.Path),
            ((JoinRoom)again.Message).Connections.Select(c => c.Session.Path));
        // Nobody heard alice leave: she returns to the room, unannounced.
        Assert.False(((JoinRoom)firstJoin.Message).Returning);
        Assert.True(((JoinRoom)again.Message).Returning);
        Assert.Equal("after the move", nextRoom.ExpectMsg<PostMessage>(RawClient.Patience).Text);
    }

    /// <summary>
    /// In a cluster the join can go to the shard region of the node that was just lost, and
    /// nowhere from there: the user actor asks again until the room's next incarnation answers,
    /// and the user's requests wait for it rather than for ever.
    /// </summary>
    [Fact]
    public void A_join_lost_with_the_rooms_node_is_asked_again_and_the_say_waiting_for_it_goes_through()
    {
        var (user, directory, connection) = AliceLoggingIn();
        var firstRoom = CreateTestProbe();
        user.Tell(new RoomEntered(RoomNames.Lobby, firstRoom.Ref));
        Sys.Stop(firstRoom.Ref);
        directory.ExpectMsg<RoomEnvelope>(e => e is { Room: RoomNames.Lobby, Message: JoinRoom }, RawClient.Patience);
        user.Tell(new SayInRoom(RoomNames.Lobby, "after the loss", RequestId.FromNumber(6)), connection.Ref);

        // That join was lost: nobody answers it. The user actor asks again.
        var askedAgain = directory.ExpectMsg<RoomEnvelope>(e => e is { Room: RoomNames.Lobby, Message: JoinRoom }, RawClient.Patience);
        var nextRoom = CreateTestProbe();
        user.Tell(new RoomEntered(RoomNames.Lobby, nextRoom.Ref));

        Assert.Equal(("alice", true), (((JoinRoom)askedAgain.Message).Username, ((JoinRoom)askedAgain.Message).Returning));
        Assert.Equal("after the loss", nextRoom.ExpectMsg<PostMessage>(RawClient.Patience).Text);
    }

    /// <summary>
    /// Asking again runs on a plain scheduled message, cancelled once the user is in: one sent
    /// just before that still arrives, and must not send a join nobody waits for.
    /// </summary>
    [Fact]
    public void An_ask_again_that_arrives_after_the_user_is_in_is_ignored()
    {
        var (user, directory, connection) = AliceLoggingIn();
        var room = CreateTestProbe();
        user.Tell(new RoomEntered(RoomNames.Lobby, room.Ref));
        var unhandled = CreateTestProbe();
        Sys.EventStream.Subscribe(unhandled.Ref, typeof(UnhandledMessage));

        user.Tell(AskRoomsAgain.Instance);
        // The marker: handled after the late ask, so by the time the room has it, a join (or the
        // event stream's "unhandled", had no state taken the ask) would have been sent.
        user.Tell(new SayInRoom(RoomNames.Lobby, "marker", RequestId.FromNumber(7)), connection.Ref);
        Assert.Equal("marker", room.ExpectMsg<PostMessage>(RawClient.Patience).Text);
        Assert.False(directory.HasMessages);
        Assert.False(unhandled.HasMessages);
    }

    /// <summary>Alice's user actor, her terminal attached and logged in, her join to the lobby sent (not answered).</summary>
    private (IActorRef User, TestProbe Directory, TestProbe Connection) AliceLoggingIn()
    {
        var directory = CreateTestProbe();
        var user = Sys.ActorOf(UserActor.Props("alice", CreateTestProbe().Ref, directory.Ref, Store, Unlimited));
        var connection = CreateTestProbe();
        user.Tell(new AttachConnection("alice", "alice", Connect(connection)));
        ExpectLogin(connection);
        directory.ExpectMsg<RoomEnvelope>(e => e is { Room: RoomNames.Lobby, Message: JoinRoom }, RawClient.Patience);
        return (user, directory, connection);
    }
}
