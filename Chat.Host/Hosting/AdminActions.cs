using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
using Chat.Actors.Users;
using Chat.Protocol;

namespace Chat.Host.Hosting;

/// <summary>One row of admin_actions: what `Chat.Host admin` did that a running host must act on.</summary>
internal sealed record AdminAction(long Id, string Action, string? Username, string? Room, string? Reason)
{
    /// <summary>What the actors are told (through the room supervisor); null for an action that needs nothing of them.</summary>
    public object? Message() => this switch
    {
        { Action: "disable", Username: { } user } => new UserEnvelope(user, new AccountStandingChanged(null,
            new CloseWithBye(ErrorCodes.AccountDisabled, "this account was disabled" + Because(Reason)))),
        { Action: "ban", Username: { } user } => new UserEnvelope(user, new AccountStandingChanged(null,
            new CloseWithBye(ErrorCodes.Banned, "this account was banned from the chat" + Because(Reason)))),
        { Action: "operator", Username: { } user } => new UserEnvelope(user, new AccountStandingChanged(true, null)),
        { Action: "deop", Username: { } user } => new UserEnvelope(user, new AccountStandingChanged(false, null)),
        { Action: "delete-room", Room: { } room } => new RoomEnvelope(room, CloseRoom.Instance),
        _ => null,
    };

    private static string Because(string? reason) => string.IsNullOrEmpty(reason) ? "" : $": {reason}";

    public string Target => Username ?? Room ?? "";
}
