namespace Chat.Tui.Commands;

/// <summary>Turns a line from the input bar into a command, or into a hint when it cannot be run.</summary>
public static class InputParser
{
    public static ParsedInput Parse(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
            return default;

        if (!IsCommandLine(trimmed))
            return ParsedInput.Run(new SendText(Unescape(trimmed)));

        var space = trimmed.IndexOf(' ');
        var word = space < 0 ? trimmed[1..] : trimmed[1..space];
        var args = space < 0 ? "" : trimmed[(space + 1)..].Trim();

        if (CommandTable.Find(word) is not { } spec)
            return ParsedInput.Refuse($"Unknown command {trimmed[0]}{word}. Type !help for the list.");
        return spec.Parse(args) is { } command
            ? ParsedInput.Run(command)
            : ParsedInput.Refuse($"Usage: {spec.Usage(trimmed[0], word)} ({spec.Summary})");
    }

    /// <summary>
    /// A command starts with a prefix directly followed by a letter; "!!!", "! yes" and ":-/" stay
    /// text, and a doubled prefix before a letter ("//usr", "!!X") sends the text with one prefix less.
    /// </summary>
    private static bool IsCommandLine(string line) =>
        line.Length > 1 && CommandTable.Prefixes.Contains(line[0]) && char.IsLetter(line[1]);

    private static string Unescape(string text) =>
        text.Length > 2 && CommandTable.Prefixes.Contains(text[0]) && text[1] == text[0] && char.IsLetter(text[2]) ? text[1..] : text;
}
