using Chat.Actors.Mailboxes;
using Chat.Actors.Serialization;

namespace Chat.Specs.Support;

/// <summary>
/// Every spec's actor system serialises each message it sends and each actor's creator
/// arguments, and reads them back: a message that could not cross to another node fails the
/// spec that sends it. Node-local messages and handles say so (INoSerializationVerificationNeeded).
/// </summary>
public static class SerializationChecks
{
    public const string Hocon = """
        akka.actor.serialize-messages = on
        akka.actor.serialize-creators = on
        """;

    /// <summary>For an actor system of the specs' own: the checks, and the chat's serializer and mailbox settings the host has too.</summary>
    public const string ActorSystemHocon = Hocon + "\n" + ChatSerialization.Hocon + "\n" + CompactMailbox.Hocon;
}
