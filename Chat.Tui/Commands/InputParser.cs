namespace Chat.Tui.Commands;

/// <summary>A command from the table with the arguments its shape read.</summary>
public sealed record Invocation(CommandSpec Spec, CommandArgs Args)
{
    /// <summary>Runs it; returns why it could not, or null when it ran.</summary>
    public string? RunOn(IChatCommands chat) => Spec.Run(chat, Args);
}

/// <summary>The outcome of parsing: a command to run, or a one-line hint and nothing is sent.</summary>
public readonly record struct ParsedInput(Invocation? Command, string? Hint)
{
    /// <summary>An empty line: nothing to do and nothing to say.</summary>
    public bool IsEmpty => Command is null && Hint is null;
}

/// <summary>Turns a line from the input bar into a command of the table, or into a hint when it cannot be run.</summary>
public static class InputParser
{
    public static ParsedInput Parse(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
            return default;

        if (!IsCommandLine(trimmed))
            return new ParsedInput(new Invocation(CommandTable.Text, new CommandArgs(Text: Unescape(trimmed))), null);

        var space = trimmed.IndexOf(' ');
        var word = space < 0 ? trimmed[1..] : trimmed[1..space];
        var args = space < 0 ? "" : trimmed[(space + 1)..].Trim();

        if (CommandTable.Find(word) is not { } spec)
            return new ParsedInput(null, $"Unknown command {trimmed[0]}{word}. Type !help for the list.");
        return spec.Read(args) is { } read
            ? new ParsedInput(new Invocation(spec, read), null)
            : new ParsedInput(null, $"Usage: {spec.Usage(trimmed[0], word)} ({spec.Summary})");
    }

    /// <summary>The command whose argument is being typed in <paramref name="input"/> ("!join #d"), with how many words came before it.</summary>
    public static (CommandSpec Spec, int Argument)? ArgumentBeingTyped(string input)
    {
        var trimmed = input.TrimStart();
        var space = trimmed.IndexOf(' ');
        if (space <= 1 || !CommandTable.Prefixes.Contains(trimmed[0]) || CommandTable.Find(trimmed[1..space]) is not { } spec)
            return null;
        return (spec, trimmed[(space + 1)..].Count(c => c == ' '));
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
