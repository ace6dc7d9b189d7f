using Akka.Actor;
using Chat.Protocol;

namespace Chat.Actors.Sessions;

/// <summary>
/// The connection's reader, as its session sees it: told of every answer (ok or error) the
/// session sends, so the reader can count its chat lines in flight down again and read on.
/// Node-local, like the socket it stands for.
/// </summary>
public interface IChatLineAnswers
{
    /// <summary>An ok or an error with this request id went back to the client.</summary>
    void Answered(RequestId? re);
}

/// <summary>
/// Hands the session its connection's reader, before the session hears any frame. Node-local by
/// nature (the reader holds the socket), so exempt from serialisation checks.
/// </summary>
public sealed record WatchChatLineAnswers(IChatLineAnswers Reader) : INoSerializationVerificationNeeded;

/// <summary>No reader counts answers: a session made without a socket (the actor specs).</summary>
internal sealed class UncountedAnswers : IChatLineAnswers
{
    public static readonly UncountedAnswers Instance = new();

    public void Answered(RequestId? re)
    {
    }
}
