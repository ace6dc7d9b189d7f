using Akka.Actor;
using Akka.TestKit;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Host.Admin;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// The admin command deletes a room while its actor runs with messages not yet committed
/// (issue 15): nothing acknowledged is lost silently (the members are told the room is gone, and
/// a message committing after that is refused, not acknowledged), and nothing of the room is left
/// in the store.
/// </summary>
public sealed class RoomDeletionSpecs : ActorSpec
{
    private readonly WriterParking _parking = new();

    public override async Task DisposeAsync()
    {
        _parking.ReleaseAll();
        await base.DisposeAsync();
        _parking.Dispose();
    }

    [Fact]
    public async Task Members_are_told_a_message_committing_after_is_refused_and_the_store_keeps_nothing_of_the_room()
    {
        // The spec is the room's parent: the room's wish to stop comes here.
        var room = ChildActorOf(RoomActor.Props("dev", Store, Settings));
        var (alice, aliceUser) = (CreateTestProbe(), CreateTestProbe());
        var (bob, bobUser) = (CreateTestProbe(), CreateTestProbe());
        room.Tell(new JoinRoom("alice", "alice", null, aliceUser.Ref, [Connect(alice)]));
        aliceUser.ExpectMsg<RoomEntered>(RawClient.Patience);
        room.Tell(new JoinRoom("bob", "bob", null, bobUser.Ref, [Connect(bob)]));
        bobUser.ExpectMsg<RoomEntered>(RawClient.Patience);
        // The joins are lines of the room's history too: the messages' numbers follow theirs.
        Say(room, aliceUser, "before the delete", 1);
        var before = aliceUser.ExpectMsg<Ok>(RawClient.Patience).Seq;

        // The admin command deletes the room: what is committed goes. The room has not heard yet.
        using (var admin = SqliteAdminStore.Open(DataDirectory)!)
            Assert.True(admin.DeleteRoom("dev"));
        Say(room, aliceUser, "after the delete, acknowledged", 2);
        var acknowledged = aliceUser.ExpectMsg<Ok>(RawClient.Patience).Seq;
        Assert.Equal(before + 1, acknowledged);
        var parked = await _parking.ParkAsync(action => Store.Writer.SubmitAsync(_ => action(), default));
        Say(room, aliceUser, "not yet committed", 3);

        room.Tell(CloseRoom.Instance);

        // Bob read the acknowledged message, then why the room went: he is told, not left to guess.
        Assert.Equal("after the delete, acknowledged", FishFrame<ChatMessage>(bob, m => m.Seq == acknowledged).Text);
        var notice = ExpectFrame<ModerationNotice>(bob);
        Assert.Equal(("dev", ModerationActions.Deleted), (notice.Room, notice.Action));
        Assert.Contains("deleted", notice.Reason);
        // Then each member's "left" (a member removed first hears no later one).
        FishFrame<Left>(bob, left => left.User == "bob");
        await parked.ReleaseAsync();
        aliceUser.ExpectMsg<RemovedFromRoom>(RawClient.Patience);
        var refused = aliceUser.ExpectMsg<ErrorReply>(RawClient.Patience);
        Assert.Equal((RequestId.FromNumber(3), ErrorCodes.NotInRoom), (refused.Re, refused.Code));
        Assert.Contains("not kept", refused.Message);
        await AwaitAssertAsync(async () => Assert.Equal(0, await Store.LastRoomSeqAsync("dev")), RawClient.Patience);
        ExpectNothingMoreOn(bob);
    }

    private static void Say(IActorRef room, TestProbe user, string text, int id) =>
        room.Tell(new PostMessage("alice", "alice", text, RequestId.FromNumber(id), user.Ref));
}
