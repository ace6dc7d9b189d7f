using Akka.Actor;
using Chat.Actors.Mailboxes;
using Chat.Actors.Sessions;
using Chat.Actors.Users;
using Chat.Specs.Support;

namespace Chat.Specs.Mailboxes;

public sealed class CompactMailboxSpecs : ActorSpec
{
    /// <summary>Stashes every word until "go", then takes them in the order they came.</summary>
    private sealed class Stasher(IActorRef listener) : ActorBase, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        protected override bool Receive(object message)
        {
            if (message is "go")
            {
                Become(Passing);
                Stash.UnstashAll();
            }
            else
            {
                Stash.Stash();
            }
            return true;
        }

        private bool Passing(object message)
        {
            listener.Tell(message);
            return true;
        }
    }

    [Fact]
    public void The_actors_there_is_one_of_per_connection_ask_for_the_compact_mailbox()
    {
        Assert.Equal(CompactMailbox.Id, SessionActor.Props(TestActor, TestActor, TestActor, Settings).Mailbox);
        Assert.Equal(CompactMailbox.Id, UserActor.Props("alice", TestActor, TestActor, Store, Settings).Mailbox);
    }

    [Fact]
    public void The_actors_there_is_one_of_per_connection_share_one_deploy_which_an_actor_keeps_for_life()
    {
        // Props.WithDeploy would make a copy per Props, 72 bytes more on every actor.
        Assert.Same(CompactMailbox.Deploy, SessionActor.Props(TestActor, TestActor, TestActor, Settings).Deploy);
        Assert.Same(CompactMailbox.Deploy, UserActor.Props("alice", TestActor, TestActor, Store, Settings).Deploy);
    }

    [Fact]
    public void An_actor_with_a_stash_gets_the_compact_queue_and_its_unstashed_messages_keep_their_order()
    {
        var stasher = Sys.ActorOf(Props.Create(() => new Stasher(TestActor)).WithMailbox(CompactMailbox.Id));
        foreach (var word in new[] { "one", "two", "three" })
            stasher.Tell(word);
        stasher.Tell("go");
        stasher.Tell("four");

        ExpectMsg("one");
        ExpectMsg("two");
        ExpectMsg("three");
        ExpectMsg("four");
        var cell = (ActorCell)((ActorRefWithCell)stasher).Underlying;
        Assert.IsType<CompactMessageQueue>(cell.Mailbox?.MessageQueue);
    }
}
