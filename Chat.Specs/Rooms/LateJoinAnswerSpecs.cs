using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Rooms;

/// <summary>
/// A room answers a join to the user actor that asked, which may have stopped meanwhile: the
/// user logged out while the room let them in (their client had its page, so it was in, as far as
/// it knew). The answer is then a dead letter, harmless, that the operator's log must not show:
/// Akka publishes it as a <see cref="SuppressedDeadLetter"/>, which its dead-letter log ignores,
/// rather than as a <see cref="DeadLetter"/>.
/// </summary>
public sealed class LateJoinAnswerSpecs : ActorSpec
{
    [Fact]
    public void A_room_that_lets_in_a_user_whose_actor_stopped_meanwhile_sees_them_leave_and_its_answer_is_kept_out_of_the_log()
    {
        var room = Sys.ActorOf(RoomActor.Props("dev", Store, Settings));
        var (carol, carolUser) = (CreateTestProbe(), CreateTestProbe());
        room.Tell(new JoinRoom("carol", "carol", null, carolUser.Ref, [Connect(carol)]));
        carolUser.ExpectMsg<RoomEntered>(RawClient.Patience);
        var deadLetters = DeadLettersSeen();

        room.Tell(new JoinRoom("alice", "alice", null, StoppedUserActor(), [Connect(CreateTestProbe())]));

        // The room watches whom it let in, and hears at once that alice's user actor is gone.
        Assert.Equal("alice", FishFrame<Left>(carol).User);
        Assert.IsType<RoomEntered>(Assert.IsType<SuppressedDeadLetter>(deadLetters.ExpectMsg<AllDeadLetters>(RawClient.Patience)).Message);
    }

    [Fact]
    public async Task A_room_that_refuses_a_user_whose_actor_stopped_meanwhile_keeps_its_answer_out_of_the_log()
    {
        await Store.RecordModerationAsync(new ModerationChange("dev", ModerationActions.Ban, "carol", DateTime.UtcNow) { Target = "alice" });
        var room = Sys.ActorOf(RoomActor.Props("dev", Store, Settings));
        var deadLetters = DeadLettersSeen();
        var alice = CreateTestProbe();

        room.Tell(new JoinRoom("alice", "alice", null, StoppedUserActor(), [Connect(alice)]));

        Assert.Equal(ErrorCodes.Banned, FishFrame<ErrorReply>(alice).Code);
        var refusal = Assert.IsType<RoomUnavailable>(Assert.IsType<SuppressedDeadLetter>(deadLetters.ExpectMsg<AllDeadLetters>(RawClient.Patience)).Message);
        Assert.True(refusal.Refused);
    }

    /// <summary>A probe subscribed to every dead letter, suppressed or not.</summary>
    private TestProbe DeadLettersSeen()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(AllDeadLetters));
        return deadLetters;
    }

    /// <summary>A user actor that has stopped (alice logged out) before the room answered her join.</summary>
    private IActorRef StoppedUserActor()
    {
        var user = CreateTestProbe();
        Watch(user.Ref);
        Sys.Stop(user.Ref);
        ExpectTerminated(user.Ref, RawClient.Patience);
        return user.Ref;
    }
}
