using Akka.Actor;
using Akka.TestKit;
using Chat.Actors;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Users;

/// <summary>
/// A user coming online enters each of their rooms, and their requests wait until the last
/// room has let them in. Rooms that do not answer are asked again (<see cref="AskRoomsAgain"/>),
/// so a room can answer twice: the repeat must not count for the rooms still to answer.
/// </summary>
public sealed class ArrivingSpecs : ActorSpec
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.CreateAccountAsync(new Account("alice", "not-a-real-hash", "alice", DateTime.UtcNow));
        await Store.AddRoomMemberAsync("dev", "alice");
    }

    [Fact]
    public void A_room_that_answers_a_join_asked_again_twice_does_not_end_the_arrival_while_another_room_has_not_answered()
    {
        var directory = CreateTestProbe();
        var user = Sys.ActorOf(UserActor.Props("alice", CreateTestProbe().Ref, directory.Ref, Store, Settings));
        var connection = CreateTestProbe();
        user.Tell(new AttachConnection("alice", "alice", Connect(connection)));
        ExpectLogin(connection);
        Assert.Equal(["dev", RoomNames.Lobby], JoinsAsked(directory, 2));
        // Neither answered in time: both asked again (the timer's message, sent by hand).
        user.Tell(AskRoomsAgain.Instance);
        Assert.Equal(["dev", RoomNames.Lobby], JoinsAsked(directory, 2));

        // The lobby answers both joins; dev has answered neither.
        var lobby = CreateTestProbe();
        user.Tell(new RoomEntered(RoomNames.Lobby, lobby.Ref));
        user.Tell(new RoomEntered(RoomNames.Lobby, lobby.Ref));
        user.Tell(new SayInRoom(RoomNames.Lobby, "once in every room", RequestId.FromNumber(3)), connection.Ref);
        // Still arriving: the next ask goes to dev (once online, asks are ignored). Handled after
        // the say, so a say that did not wait would be at the lobby by now.
        user.Tell(AskRoomsAgain.Instance);
        directory.FishForMessage<RoomEnvelope>(e => e is { Room: "dev", Message: JoinRoom }, RawClient.Patience, hint: "dev asked again: alice still arriving");
        Assert.False(lobby.HasMessages);

        user.Tell(new RoomEntered("dev", CreateTestProbe().Ref));
        Assert.Equal("once in every room", lobby.ExpectMsg<PostMessage>(RawClient.Patience).Text);
    }

    /// <summary>The rooms of the next <paramref name="count"/> joins the directory is asked for, sorted.</summary>
    private static string[] JoinsAsked(TestProbe directory, int count) =>
        [.. Enumerable.Range(0, count)
            .Select(_ => directory.ExpectMsg<RoomEnvelope>(e => e.Message is JoinRoom, RawClient.Patience).Room)
            .Order(StringComparer.Ordinal)];
}
