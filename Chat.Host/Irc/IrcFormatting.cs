namespace Chat.Host.Irc;

/// <summary>
/// IRC's formatting codes (bold, colour, italics, reset...) are control characters, which the
/// chat refuses in text so nothing can hide or restyle what others see. The gateway takes them
/// out rather than have every coloured line refused.
/// </summary>
public static class IrcFormatting
{
    public static string Strip(string text)
    {
        if (!text.Any(char.IsControl))
            return text;
        var plain = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\u0003')
            {
                // ^C, up to two digits of foreground, and ",NN" background.
                i = SkipDigits(text, i + 1) - 1;
                if (i + 2 < text.Length && text[i + 1] == ',' && char.IsAsciiDigit(text[i + 2]))
                    i = SkipDigits(text, i + 2) - 1;
                continue;
            }
            if (c == '\u0004')
            {
                // ^D and a six-digit hex colour.
                i += Math.Min(6, text.Length - i - 1);
                continue;
            }
            if (!char.IsControl(c))
                plain.Append(c);
        }
        return plain.ToString();
    }

    private static int SkipDigits(string text, int from)
    {
        var end = from;
        while (end < text.Length && end - from < 2 && char.IsAsciiDigit(text[end]))
            end++;
        return end;
    }
}
