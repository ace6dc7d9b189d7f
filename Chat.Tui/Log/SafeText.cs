using System.Globalization;
using System.Text;

namespace Chat.Tui.Log;

/// <summary>
/// Text from other people as the screen shows it: nothing in a message or a name can move the
/// cursor, reorder or hide what is drawn around it. The host already closes bidi controls left
/// open; this client does not rely on any host: every invisible format character (bidi
/// embeddings, overrides, isolates and marks, zero-width spaces, U+FEFF, U+2028/2029) shows as
/// a visible "&lt;U+202E&gt;", control characters as spaces, and stacks of combining marks are cut
/// so they cannot spill over neighbouring rows. ZWJ and ZWNJ (emoji sequences, Indic and
/// Persian text) and emoji tag characters (subdivision flags) are kept.
/// </summary>
public static class SafeText
{
    public const int MaxCombiningMarks = 4;

    public static string Visible(string text)
    {
        if (IsPlain(text))
            return text;
        var shown = new StringBuilder(text.Length + 8);
        var marks = 0;
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
                rune = Rune.ReplacementChar;
            i += used;
            var category = Rune.GetUnicodeCategory(rune);
            marks = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark ? marks + 1 : 0;
            if (marks > MaxCombiningMarks)
                continue;
            if (Rune.IsControl(rune))
                shown.Append(' ');
            else if (IsHidden(rune, category))
                shown.Append(CultureInfo.InvariantCulture, $"<U+{rune.Value:X4}>");
            else
                shown.Append(rune.ToString());
        }
        return shown.ToString();
    }

    /// <summary>
    /// Who wrote a line: the nickname, and the account's username whenever the nickname is not
    /// just the username in other letter case, so a nickname alone never names anyone.
    /// </summary>
    public static string Author(string? user, string? nick)
    {
        var shownNick = Visible(nick ?? user ?? "");
        return user is null || string.Equals(nick, user, StringComparison.OrdinalIgnoreCase)
            ? shownNick
            : $"{shownNick} ({user})";
    }

    private static bool IsHidden(Rune rune, UnicodeCategory category) =>
        category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        && rune.Value is not (0x200C or 0x200D) and not (>= 0xE0020 and <= 0xE007F);

    // Most lines are plain: printable ASCII and letters below the combining marks' block.
    private static bool IsPlain(string text)
    {
        foreach (var c in text)
            if (c < ' ' || c is '\x7f' || c >= '\u0300')
                return false;
        return true;
    }
}
