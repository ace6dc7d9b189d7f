namespace Chat.Protocol;

/// <summary>The stable error codes of the protocol. Clients branch on these; never rename one.</summary>
public static class ErrorCodes
{
    public const string BadFrame = "bad_frame";
    public const string UnknownType = "unknown_type";
    public const string FrameTooLong = "frame_too_long";
    public const string HelloRequired = "hello_required";
    public const string UnsupportedProtocol = "unsupported_protocol";
    public const string NotLoggedIn = "not_logged_in";
    public const string AlreadyLoggedIn = "already_logged_in";
    public const string BadCredentials = "bad_credentials";
    public const string NameTaken = "name_taken";
    public const string BadName = "bad_name";
    public const string WeakPassword = "weak_password";
    public const string BadNick = "bad_nick";
    public const string NickTaken = "nick_taken";
    public const string BadText = "bad_text";
    public const string NoSuchUser = "no_such_user";
    public const string RecipientFull = "recipient_full";
    public const string NoSuchRoom = "no_such_room";
    public const string NotInRoom = "not_in_room";
    public const string BadRoom = "bad_room";
    public const string TooManyRooms = "too_many_rooms";
    public const string TooManyRoomsCreated = "too_many_rooms_created";
    public const string RoomFull = "room_full";
    public const string Unavailable = "unavailable";
    public const string RateLimited = "rate_limited";
    public const string InvalidToken = "invalid_token";
    public const string PeerLoginUnavailable = "peer_login_unavailable";
    // Moderation: the host checks every permission.
    public const string NotPermitted = "not_permitted";
    public const string BadTarget = "bad_target";
    public const string Banned = "banned";
    public const string Muted = "muted";
    public const string InviteOnly = "invite_only";
    // The admin command's: a login refused, or (as a "bye") a session ended. "banned" too.
    public const string AccountDisabled = "account_disabled";

    // The codes of a "bye" frame: why the host is closing the connection.
    public const string Flooding = "flooding";
    public const string LoginTimeout = "login_timeout";
    public const string IdleTimeout = "idle_timeout";
    public const string TooManyConnections = "too_many_connections";
    public const string ShuttingDown = "shutting_down";
    public const string PasswordChanged = "password_changed";
    public const string LoggedOutEverywhere = "logged_out_everywhere";
}
