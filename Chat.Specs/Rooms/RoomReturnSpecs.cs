using Akka.Actor;
using Akka.TestKit;
using Chat.Actors.Rooms;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// A room moved (its node left or was lost) and its members return to its next incarnation
/// (issue 14's gap): each gets the page (the client places lines by seq, so what it had is not
/// shown twice), and nobody hears them join again, since nobody heard them leave.
/// </summary>
public sealed class RoomReturnSpecs : ActorSpec
{
    [Fact]
    public void Members_returning_to_the_rooms_next_incarnation_get_the_page_and_are_not_announced_and_a_newcomer_is()
    {
        var room = Sys.ActorOf(RoomActor.Props("lobby", Store, Settings));
        var bob = Enter(room, "bob", returning: true);
        ExpectFrame<HistoryPage>(bob);
        var alice = Enter(room, "alice", returning: true);
        ExpectFrame<HistoryPage>(alice);

        // The marker: a newcomer is announced, and it is the first thing either returning member hears.
        var carol = Enter(room, "carol", returning: false);
        ExpectFrame<HistoryPage>(carol);

        Assert.Equal("carol", ExpectFrame<Joined>(bob).User);
        Assert.Equal("carol", ExpectFrame<Joined>(alice).User);
        Assert.Equal("carol", ExpectFrame<Joined>(carol).User);
    }

    private TestProbe Enter(IActorRef room, string name, bool returning)
    {
        var connection = CreateTestProbe();
        var user = CreateTestProbe();
        room.Tell(new JoinRoom(name, name, null, user.Ref, [Connect(connection)]) { Returning = returning, Moved = returning });
        user.ExpectMsg<RoomEntered>(RawClient.Patience);
        return connection;
    }
}
