namespace Chat.Host.Irc;

/// <summary>How the chat's names look on IRC: rooms are channels ("lobby" is "#lobby"), people are nicks.</summary>
public static class IrcNames
{
    /// <summary>Every person's host part: the gateway does not say where anyone connects from.</summary>
    public const string UserHost = "chat";

    public static string Channel(string room) => "#" + room;

    /// <summary>The room a channel names, or null when the target is not a channel.</summary>
    public static string? Room(string target) => target.StartsWith('#') && target.Length > 1 ? target[1..].ToLowerInvariant() : null;

    /// <summary>
    /// The nick a person shows on IRC: their chat nickname when IRC can carry it (no spaces,
    /// commas or prefixes, and not too long), else their username, which always can.
    /// </summary>
    public static string Nick(string username, string nickname) => IsValidNick(nickname) ? nickname : username;

    public static string Prefix(string username, string nickname) => $"{Nick(username, nickname)}!{username}@{UserHost}";

    public static bool IsValidNick(string nick) =>
        nick.Length is > 0 and <= 30
        && !char.IsAsciiDigit(nick[0]) && nick[0] is not ('-' or '#' or '&' or ':' or '@' or '+' or '~' or '%' or '!')
        && nick.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && c is not (',' or '*' or '?' or '!' or '@' or ':' or '.'));
}
