using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace Chat.Actors.Mailboxes;

/// <summary>
/// The mailbox of the actors there is one of per connection (session, user): a
/// <see cref="CompactMessageQueue"/>, which satisfies the stash's need for a double-ended queue.
/// Named in their <see cref="Props"/> by <see cref="Deploy"/>; every actor system that creates them
/// carries <see cref="Hocon"/> (the host's, and the specs').
/// </summary>
public sealed class CompactMailbox(Settings settings, Config config)
    : MailboxType(settings, config), IProducesMessageQueue<CompactMessageQueue>
{
    public const string Id = "chat-compact-mailbox";

    public const string Hocon = $$"""
        {{Id}}.mailbox-type = "Chat.Actors.Mailboxes.CompactMailbox, Chat.Actors"
        """;

    /// <summary>
    /// The deploy that names this mailbox, one for every such actor, given to the Props' constructor:
    /// <c>Props.WithMailbox</c> and <c>Props.WithDeploy</c> make a deploy per Props, and an actor
    /// keeps its Props for life (72 bytes per actor).
    /// </summary>
    public static readonly Deploy Deploy = new Deploy().WithMailbox(Id);

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CompactMessageQueue();
}
