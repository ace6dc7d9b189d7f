using Chat.Protocol;

namespace Chat.Actors.Sessions;

/// <summary>The socket edge could not turn a line into a frame, or refused it for its pace; the session answers with this error.</summary>
public sealed record FrameRejected(string Code, string Message, RequestId? Re)
{
    /// <summary>For a line refused for its pace (rate_limited): when to say it again.</summary>
    public long? RetryAfterMs { get; init; }

    /// <summary>
    /// A refusal the transport decided, as the session sends it on. Told as this and not as an
    /// ErrorReply, so that no phase waiting for its own request's answer (a registration's, a
    /// login's) takes it for that answer.
    /// </summary>
    public static FrameRejected Of(ErrorReply refusal) => new(refusal.Code, refusal.Message, refusal.Re) { RetryAfterMs = refusal.RetryAfterMs };

    public ErrorReply ToReply() => new(Code, Message) { Re = Re, RetryAfterMs = RetryAfterMs };
}

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

/// <summary>
/// Log this connection in as a guest under <paramref name="Nick"/> (the IRC gateway's guest mode,
/// off by default). Sent by the socket edge, never decoded from a client's line: only a gateway
/// configured for guests sends it. Answered like a login; name_taken when the nick belongs to a
/// registered account or a guest already uses it on another connection.
/// </summary>
public sealed record LogInAsGuest(string Nick, RequestId? Id);

/// <summary>
/// From the node's delivery actor, every <see cref="SessionLimits.GuardCheckInterval"/>: time to
/// see whether an anonymous connection's time to log in is up, and whether a silent link should
/// be probed or closed.
/// </summary>
internal sealed record CheckConnectionGuards
{
    public static readonly CheckConnectionGuards Instance = new();
}
