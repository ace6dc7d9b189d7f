using System.Globalization;
using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>What the host says, in the words a user understands.</summary>
public static class HostWords
{
    /// <summary>Error codes in plain words; the host's own message otherwise.</summary>
    public static string Explain(ErrorReply error) => error.Code switch
    {
        ErrorCodes.NameTaken => "That username is taken; pick another.",
        ErrorCodes.BadName => $"That username is not allowed: {error.Message}",
        ErrorCodes.WeakPassword => $"Password too short or too weak: {error.Message}",
        ErrorCodes.BadCredentials => "Wrong username or password.",
        ErrorCodes.BadNick => $"That nickname is not allowed: {error.Message}",
        ErrorCodes.NoSuchUser => "No such user.",
        ErrorCodes.UnsupportedProtocol => $"The host speaks another protocol version: {error.Message}",
        ErrorCodes.RateLimited => $"Slow down: {error.Message} (try again in {Math.Max(1, (error.RetryAfterMs ?? 1000) / 1000.0):0.#} s).",
        _ => $"The host refused: {Sentence(error.Message)}",
    };

    /// <summary>What did not go out, short enough to read in one line: a refused long paste is not echoed whole.</summary>
    public static string Shorten(string text, int chars = 60) => text.Length <= chars ? text : text[..chars] + "…";

    private static string Sentence(string message) => message.EndsWith('.') ? message : message + ".";

    /// <summary>A reply that is not the answer asked for.</summary>
    public static string ExplainFailure(Reply reply) =>
        reply is ErrorReply error ? Explain(error) : $"unexpected answer \"{reply.GetType().Name}\" from the host";

    /// <summary>The host's last word before it closes the link; the reconnect loop takes it from there.</summary>
    public static string ExplainBye(Bye bye) => bye.Code switch
    {
        ErrorCodes.ShuttingDown => "The host is shutting down; reconnecting when it is back.",
        ErrorCodes.Flooding => "The host cut the connection: too many lines too fast.",
        ErrorCodes.TooManyConnections => $"The host is full: {bye.Message}",
        ErrorCodes.PasswordChanged => "Your password was changed from another terminal, which logged this one out. Restart the client and log in with the new password.",
        ErrorCodes.LoggedOutEverywhere => "You logged out everywhere from another terminal. Restart the client to log in again.",
        // Not reconnected: the account's logins are refused until the people running the chat say otherwise.
        ErrorCodes.AccountDisabled or ErrorCodes.Banned => $"The people running this chat ended your session: {bye.Message}",
        _ => $"The host closed the connection: {bye.Message}",
    };

    public static string DescribeWhois(WhoisInfo info)
    {
        var who = info.Nick == info.User ? info.User : $"{info.User} (nick {info.Nick})";
        var since = info.Since is { } at ? FormatSince(at.ToLocalTime()) : null;
        if (!info.Online)
            return since is null ? $"{who}: offline, never seen online" : $"{who}: offline, last seen {since}";
        if (info.Away is { } reason)
            return $"{who}: away{(reason.Length > 0 ? $" ({reason})" : "")}{(since is null ? "" : $" since {since}")}";
        return since is null ? $"{who}: online" : $"{who}: online since {since}";
    }

    /// <summary>"bob" when the nickname is the username, "Bobby (bob)" otherwise.</summary>
    public static string Describe(string user, string nick) => string.Equals(user, nick, StringComparison.Ordinal) ? nick : $"{nick} ({user})";

    public static string Joined(Joined joined) => $"{Describe(joined.User, joined.Nick)} joined";

    public static string Left(Left left) => $"{Describe(left.User, left.Nick)} left";

    public static string Renamed(NickChanged renamed) => $"{renamed.Old} is now known as {renamed.Nick}";

    /// <summary>A room's join, leave or rename line, as shown live and from history alike.</summary>
    public static string? Presence(RoomHistoryEvent e) => e switch
    {
        Joined joined => Joined(joined),
        Left left => Left(left),
        NickChanged renamed => Renamed(renamed),
        _ => null,
    };

    private static string FormatSince(DateTime local) =>
        local.ToString(local.Date == DateTime.Now.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A moderator's action as a line in the room: "alice banned bob until 2026-01-02 12:00 UTC: spam".</summary>
    /// <summary>The admin command deleted a room the user was in.</summary>
    public static string ExplainDeleted(ModerationNotice notice) =>
        $"#{notice.Room} was deleted" + (string.IsNullOrEmpty(notice.Reason) ? "" : $": {notice.Reason}");

    public static string ExplainModeration(ModerationNotice notice)
    {
        var what = notice.Action switch
        {
            "kick" => $"kicked {notice.User}",
            "ban" => $"banned {notice.User}",
            "unban" => $"unbanned {notice.User}",
            "mute" => $"muted {notice.User}",
            "unmute" => $"unmuted {notice.User}",
            "invite" => $"invited {notice.User}",
            "op" => $"made {notice.User} an operator",
            "deop" => $"made {notice.User} no longer an operator",
            "topic" => string.IsNullOrEmpty(notice.Topic) ? "cleared the topic" : $"set the topic: {notice.Topic}",
            "mode" => "made the room " + string.Join(", ", new[]
            {
                notice.InviteOnly is { } i ? (i ? "invite-only" : "open to all") : null,
                notice.Private is { } p ? (p ? "private" : "listed") : null,
            }.OfType<string>()),
            var other => $"did {other} {notice.User}",
        };
        var until = notice.Until is { } end ? $" until {end:yyyy-MM-dd HH:mm} UTC" : "";
        var reason = string.IsNullOrEmpty(notice.Reason) ? "" : $": {notice.Reason}";
        return $"{notice.By} {what}{until}{reason}";
    }
}
