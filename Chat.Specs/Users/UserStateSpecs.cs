using Akka.Actor;
using Akka.TestKit.Xunit2;
using Chat.Actors.Delivery;
using Chat.Actors.Users;

namespace Chat.Specs.Users;

public class UserStateSpecs : TestKit
{
    private static readonly DateTime Noon = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static ClientConnection On(IActorRef session) => new(session, session);

    [Fact]
    public void Online_from_the_first_connection_until_the_last_one_goes()
    {
        var user = new UserState("alice", "alice");
        var first = CreateTestProbe().Ref;
        var second = CreateTestProbe().Ref;

        Assert.True(user.Attach(On(first), "alice", Noon));
        Assert.False(user.Attach(On(second), "alice", Noon.AddMinutes(1)));
        Assert.False(user.Detach(first, Noon.AddMinutes(2)));
        Assert.True(user.IsOnline);
        Assert.Equal(Noon, user.Since);
        Assert.True(user.Detach(second, Noon.AddMinutes(3)));
        Assert.False(user.IsOnline);
        Assert.Equal(Noon.AddMinutes(3), user.LastSeen);
        Assert.False(user.Detach(second, Noon.AddMinutes(4)));
    }

    [Fact]
    public void Renaming_to_the_same_nickname_changes_nothing()
    {
        var user = new UserState("alice", "alice");

        Assert.Equal("alice", user.Rename("Al"));
        Assert.Null(user.Rename("Al"));
        Assert.Equal("Al", user.Nickname);
    }

    [Fact]
    public void Away_is_kept_with_its_time_and_forgotten_when_going_offline()
    {
        var user = new UserState("alice", "alice");
        var connection = CreateTestProbe().Ref;
        user.Attach(On(connection), "alice", Noon);

        Assert.True(user.SetAway("lunch", Noon.AddHours(1)));
        Assert.False(user.SetAway("lunch", Noon.AddHours(2)));
        Assert.Equal(("lunch", Noon.AddHours(1)), (user.Away, user.Since));

        user.Detach(connection, Noon.AddHours(3));
        Assert.Null(user.Away);
    }
}
