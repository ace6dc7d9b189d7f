using Chat.Protocol;

namespace Chat.Actors.Sessions;

/// <summary>The socket edge could not turn a line into a frame; the session answers with this error.</summary>
public sealed record FrameRejected(string Code, string Message, RequestId? Re);

/// <summary>The client's socket is gone, for whatever reason.</summary>
public sealed record ConnectionClosed
{
    public static readonly ConnectionClosed Instance = new();
}

/// <summary>
/// Say "bye" with this code and reason, then close the connection. Sent to a session by an actor
/// that has no socket of its own but decided the client must go: the user actor, when a user
/// keeps flooding after being told to slow down.
/// </summary>
public sealed record CloseWithBye(string Code, string Reason);
