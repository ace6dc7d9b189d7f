using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>How frames from the host become lines, and whether a line names me.</summary>
public static class Mentions
{
    public static ChatLine LineOf(ChatMessage message, Person? me) =>
        ChatLine.FromText(message.Ts.ToLocalTime(), message.User, message.Nick, message.Text, !IsBy(message.User, me) && Names(message.Text, me));

    public static ChatLine LineOf(DirectMessage direct) =>
        ChatLine.FromText(direct.Ts.ToLocalTime(), direct.From, direct.Nick, direct.Text, mentionsMe: false);

    /// <summary>My username or nickname as a whole word, any case.</summary>
    public static bool Names(string text, Person? me) =>
        me is not null && (ContainsWord(text, me.Nick) || ContainsWord(text, me.User));

    private static bool IsBy(string user, Person? me) => me is not null && me.Is(user);

    private static bool ContainsWord(string text, string word)
    {
        if (word.Length == 0)
            return false;
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            var startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var endsWord = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startsWord && endsWord)
                return true;
        }
        return false;
    }
}
