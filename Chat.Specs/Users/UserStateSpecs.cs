using Akka.TestKit.Xunit2;
using Chat.Actors.Users;

namespace Chat.Specs.Users;

public class UserStateSpecs : TestKit
{
    [Fact]
    public void Online_from_the_first_connection_until_the_last_one_goes()
    {
        var user = new UserState("alice", "alice");
        var first = CreateTestProbe().Ref;
        var second = CreateTestProbe().Ref;

        Assert.True(user.Attach(first));
        Assert.False(user.Attach(second));
        Assert.False(user.Detach(first));
        Assert.True(user.IsOnline);
        Assert.True(user.Detach(second));
        Assert.False(user.IsOnline);
        Assert.False(user.Detach(second));
    }

    [Fact]
    public void Renaming_to_the_same_nickname_changes_nothing()
    {
        var user = new UserState("alice", "alice");

        Assert.Equal("alice", user.Rename("Al"));
        Assert.Null(user.Rename("Al"));
        Assert.Equal("Al", user.Nickname);
    }
}
