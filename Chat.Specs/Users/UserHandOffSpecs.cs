using Akka.Actor;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Users;

/// <summary>
/// In a cluster a user's shard is handed off when its node leaves: the user actor is told
/// <see cref="HandOffUser"/> (not a PoisonPill) and stops once what it asked of the store has come
/// back (issue 14's gap).
/// </summary>
public sealed class UserHandOffSpecs : ActorSpec
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.CreateAccountAsync(new Account("alice", "not-a-real-hash", "alice", DateTime.UtcNow));
    }

    [Fact]
    public async Task A_user_handed_off_right_after_a_logout_stops_and_its_last_seen_write_is_done_by_then()
    {
        var directory = CreateTestProbe();
        var user = Sys.ActorOf(UserActor.Props("alice", CreateTestProbe().Ref, directory.Ref, Store, Settings));
        Watch(user);
        var connection = CreateTestProbe();
        user.Tell(new AttachConnection("alice", "alice", Connect(connection)));
        ExpectLogin(connection);
        var join = directory.ExpectMsg<RoomEnvelope>(e => e is { Room: RoomNames.Lobby, Message: JoinRoom }, RawClient.Patience);
        user.Tell(new RoomEntered(RoomNames.Lobby, CreateTestProbe().Ref));

        // The logout fires the last-seen write; the hand-off comes straight behind it.
        user.Tell(new DetachConnection(connection.Ref));
        user.Tell(HandOffUser.Instance);

        ExpectTerminated(user, RawClient.Patience);
        Assert.NotNull((await Store.FindAccountAsync("alice"))!.LastSeen);
        Assert.Equal("alice", ((JoinRoom)join.Message).Username);
    }

    [Fact]
    public void A_user_handed_off_with_terminals_still_attached_stops_and_its_sessions_see_it_stop()
    {
        var user = Sys.ActorOf(UserActor.Props("alice", CreateTestProbe().Ref, CreateTestProbe().Ref, Store, Settings));
        var connection = CreateTestProbe();
        user.Tell(new AttachConnection("alice", "alice", Connect(connection)));
        ExpectLogin(connection);
        Watch(user);

        user.Tell(HandOffUser.Instance);

        ExpectTerminated(user, RawClient.Patience);
    }
}
