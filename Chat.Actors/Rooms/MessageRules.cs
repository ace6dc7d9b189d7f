using Chat.Actors.Text;

namespace Chat.Actors.Rooms;

/// <summary>What a message text may be: room messages and direct messages share the rule.</summary>
public static class MessageRules
{
    /// <summary>
    /// Line breaks are normalised to "\n". Other control characters are refused rather than
    /// passed on: an escape sequence in a chat line would drive every reader's terminal. Then
    /// <see cref="TextRules"/>: bidi controls left open are closed, separators refused.
    /// </summary>
    public static bool TryNormalizeText(string? input, int maxChars, out string text, out string? problem)
    {
        text = (input ?? "").Replace("\r\n", "\n");
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
            problem = "a message cannot be empty";
        else if (text.Length > maxChars)
            problem = $"a message may have at most {maxChars} characters";
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\t')))
            problem = "a message cannot contain control characters";
        else if (!TextRules.TryClean(text, out text, out problem))
            return false;
        else if (text.Length > maxChars)
            problem = $"a message may have at most {maxChars} characters";
        return problem is null;
    }
}
