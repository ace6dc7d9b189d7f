namespace Chat.Tui.Session;

public enum LineKind
{
    /// <summary>Someone said something.</summary>
    Message,
    /// <summary>"/me waves": shown as "* nick waves".</summary>
    Action,
    /// <summary>Joins, leaves and nickname changes: shown muted.</summary>
    Notice,
    /// <summary>What this client tells its user (hints, errors, help); never came from the host.</summary>
    Local,
}

/// <summary>One entry of a conversation as the chat panel shows it.</summary>
/// <param name="User">The author's account (colours derive from it); null for local lines.</param>
/// <param name="MentionsMe">The text names me: the view highlights it.</param>
public sealed record ChatLine(DateTime Time, LineKind Kind, string? User, string? Nick, string Text, bool MentionsMe = false)
{
    /// <summary>The search hit a jump went to: the view highlights it and marks it for terminals without colour.</summary>
    public bool IsHit { get; init; }

    /// <summary>Actions travel as ordinary text with this prefix, so a client without them still shows something sensible.</summary>
    public const string ActionPrefix = "/me ";

    public static ChatLine FromText(DateTime time, string user, string nick, string text, bool mentionsMe) =>
        text.StartsWith(ActionPrefix, StringComparison.Ordinal)
            ? new ChatLine(time, LineKind.Action, user, nick, text[ActionPrefix.Length..], mentionsMe)
            : new ChatLine(time, LineKind.Message, user, nick, text, mentionsMe);

    public static ChatLine Local(DateTime time, string text) => new(time, LineKind.Local, null, null, text);

    public static ChatLine Notice(DateTime time, string text) => new(time, LineKind.Notice, null, null, text);
}
