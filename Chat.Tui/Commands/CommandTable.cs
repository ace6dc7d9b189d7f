namespace Chat.Tui.Commands;

/// <summary>One command: the words that invoke it, how to use it, and how to read its arguments.</summary>
/// <param name="Parse">Reads the text after the command word; returns null when the usage is wrong.</param>
public sealed record CommandSpec(string Name, IReadOnlyList<string> Aliases, string Arguments, string Summary, Func<string, InputCommand?> Parse)
{
    public IEnumerable<string> Words => Aliases.Prepend(Name);

    /// <summary>How to use it, spelt the way the user spelt the command ("/msg", "!X").</summary>
    public string Usage(char prefix, string word) => Arguments.Length == 0 ? $"{prefix}{word}" : $"{prefix}{word} {Arguments}";
}

/// <summary>
/// Every command of the input bar. Each works with "!" (the seed's style: !X) and with "/"
/// (irssi's: /msg). Help, completion and parsing all read this one table.
/// </summary>
public static class CommandTable
{
    public static readonly IReadOnlyList<char> Prefixes = ['!', '/'];

    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new("msg", ["X"], "username message", "send a direct message", ParseDirect),
        new("nick", [], "newname", "change your nickname", args => SingleWord(args) is { } nick ? new ChangeNickCommand(nick) : null),
        new("who", [], "", "list who is in the lobby", args => args.Length == 0 ? new WhoCommand() : null),
        new("me", [], "action", "say what you are doing", args => args.Length > 0 ? new ActionCommand(args) : null),
        new("bell", [], "[on|off]", "ring the bell on DMs and mentions", ParseBell),
        new("help", [], "", "show the commands and keys", args => args.Length == 0 ? new HelpCommand() : null),
        new("quit", [], "", "log out and leave", _ => new QuitCommand()),
    ];

    /// <summary>The command a word (without its prefix) names, ignoring case: "X", "x" and "msg" are one command.</summary>
    public static CommandSpec? Find(string word) =>
        All.FirstOrDefault(spec => spec.Words.Any(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase)));

    private static InputCommand? ParseDirect(string args)
    {
        var space = args.IndexOf(' ');
        if (space <= 0)
            return null;
        var text = args[(space + 1)..].Trim();
        return text.Length == 0 ? null : new SendDirectCommand(args[..space], text);
    }

    private static InputCommand? ParseBell(string args) => args.ToLowerInvariant() switch
    {
        "" => new BellCommand(null),
        "on" => new BellCommand(true),
        "off" => new BellCommand(false),
        _ => null,
    };

    private static string? SingleWord(string args) => args.Length > 0 && !args.Contains(' ') ? args : null;
}
