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
        new("reply", ["r"], "message", "answer the last DM you received", args => args.Length > 0 ? new ReplyCommand(args) : null),
        new("nick", [], "newname", "change your nickname", args => SingleWord(args) is { } nick ? new ChangeNickCommand(nick) : null),
        new("who", [], "", "list who is in the lobby", args => args.Length == 0 ? new WhoCommand() : null),
        new("me", [], "action", "say what you are doing", args => args.Length > 0 ? new ActionCommand(args) : null),
        new("join", [], "#room", "join a room (created if new)", args => RoomName(args) is { } room ? new JoinCommand(room) : null),
        new("leave", ["part"], "[#room]", "leave a room (the one on screen if none named)", ParseLeave),
        new("rooms", [], "", "list the rooms and their member counts", args => args.Length == 0 ? new RoomsCommand() : null),
        new("away", [], "[reason]", "tell others you are away", args => new AwayCommand(args.Length == 0 ? null : args)),
        new("back", [], "", "you are back", args => args.Length == 0 ? new BackCommand() : null),
        new("whois", [], "username", "who someone is and since when", args => SingleWord(args) is { } user ? new WhoisCommand(user) : null),
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

    /// <summary>The commands whose argument is a room name; Tab completes room names after them.</summary>
    public static bool TakesRoom(string word) => Find(word)?.Name is "join" or "leave";

    /// <summary>The commands whose argument is a username; Tab completes usernames after them.</summary>
    public static bool TakesUser(string word) => Find(word)?.Name is "whois" or "msg";

    private static InputCommand? ParseLeave(string args) =>
        args.Length == 0 ? new LeaveCommand(null) : RoomName(args) is { } room ? new LeaveCommand(room) : null;

    /// <summary>"#dev" or "dev", one word of the characters the host allows in room names.</summary>
    private static string? RoomName(string args)
    {
        var name = args.StartsWith('#') ? args[1..] : args;
        var allowed = name.Length is >= 2 and <= 32 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return allowed ? name.ToLowerInvariant() : null;
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
