namespace Chat.Actors.Protocol;

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
    public const string BadText = "bad_text";
    public const string NoSuchUser = "no_such_user";
    public const string NoSuchRoom = "no_such_room";
    public const string NotInRoom = "not_in_room";
    public const string BadRoom = "bad_room";
    public const string Unavailable = "unavailable";
}
