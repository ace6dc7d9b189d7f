using Akka.Actor;
using Akka.TestKit.Xunit2;
using Chat.Actors.Delivery;
using Chat.Specs.Support;

namespace Chat.Specs.Delivery;

/// <summary>The delivery actor's cheap ref comparison agrees with Akka's equality.</summary>
public sealed class SessionRefComparerSpecs() : TestKit(ActorSpec.TestKitPatienceHocon)
{
    [Fact]
    public void A_ref_that_came_back_from_its_path_finds_the_same_session_and_another_actor_does_not()
    {
        var session = Sys.ActorOf(Props.Empty, "session");
        var other = Sys.ActorOf(Props.Empty, "other");
        // What a message's deserialisation gives: the ref resolved again from its serialised path.
        var resolved = ((ExtendedActorSystem)Sys).Provider.ResolveActorRef(Akka.Serialization.Serialization.SerializedActorPath(session));
        var outputs = new Dictionary<IActorRef, string>(SessionRefComparer.Instance) { [session] = "session's output" };

        Assert.Equal(session, resolved);
        Assert.Equal("session's output", outputs[resolved]);
        Assert.False(outputs.ContainsKey(other));
    }

    [Fact]
    public void A_new_actor_at_the_same_path_is_another_session()
    {
        var first = Sys.ActorOf(Props.Empty, "session");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        var second = Sys.ActorOf(Props.Empty, "session");

        Assert.False(SessionRefComparer.Instance.Equals(first, second));
    }
}
