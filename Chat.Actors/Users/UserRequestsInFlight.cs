using Chat.Protocol;

namespace Chat.Actors.Users;

/// <summary>
/// The user's own requests as the user actor takes them in (a command a session made, or a
/// forwarded frame), and the answer each gets when the actor stops before it could handle them.
/// A user actor that is arriving or settling keeps the requests that come meanwhile; when it
/// stops then (its shard hands off as its node leaves, or any other stop), none of them may be
/// dropped unanswered: the client would wait in vain, and never hear that its line did not go.
/// Each is refused as a room that hands off refuses a message, so the client says it again and
/// it reaches the user's next incarnation; nothing refused was stored, so nothing is sent twice.
/// </summary>
internal static class UserRequestsInFlight
{
    /// <summary>Room messages refused at a hand-off say the same ("#dev is moving to another node; say it again").</summary>
    public const string MovingAway = "your account is moving to another node; say it again";

    public static bool IsRequest(object message) => message is IUserRequest or ClientFrame;

    public static RequestId? IdOf(object request) =>
        request is IUserRequest command ? command.Re : ((ClientFrame)request).Id;

    /// <summary>The answer to a request the stopping actor will not handle; null for anything that is not a request.</summary>
    public static ErrorReply? Refusal(object message) => IsRequest(message) ? Refusal(IdOf(message)) : null;

    public static ErrorReply Refusal(RequestId? re) => new(ErrorCodes.Unavailable, MovingAway) { Re = re };
}
