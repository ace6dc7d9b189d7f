namespace Chat.Tui.Commands;

/// <summary>The ways a command's arguments are read: each returns null when the text does not fit.</summary>
public static class ArgumentShapes
{
    public static CommandArgs? Nothing(string args) => args.Length == 0 ? CommandArgs.None : null;

    /// <summary>Whatever follows is ignored ("/quit bye").</summary>
    public static CommandArgs? Anything(string args) => CommandArgs.None;

    public static CommandArgs? Text(string args) => args.Length > 0 ? new CommandArgs(Text: args) : null;

    public static CommandArgs? OptionalText(string args) => new(Text: args.Length == 0 ? null : args);

    public static CommandArgs? Word(string args) => args.Length > 0 && !args.Contains(' ') ? new CommandArgs(args) : null;

    /// <summary>A name, then text: "bob hi there".</summary>
    public static CommandArgs? WordAndText(string args)
    {
        var space = args.IndexOf(' ');
        if (space <= 0)
            return null;
        var text = args[(space + 1)..].Trim();
        return text.Length == 0 ? null : new CommandArgs(args[..space], text);
    }

    /// <summary>"#dev" or "dev", one word of the characters the host allows in room names; read without its '#', in lower case.</summary>
    public static CommandArgs? Room(string args) => RoomName(args) is { } room ? new CommandArgs(room) : null;

    public static CommandArgs? OptionalRoom(string args) => args.Length == 0 ? CommandArgs.None : Room(args);

    /// <summary>"on", "off" or nothing; read in lower case.</summary>
    public static CommandArgs? OnOff(string args) => args.ToLowerInvariant() switch
    {
        "" => CommandArgs.None,
        "on" or "off" => new CommandArgs(args.ToLowerInvariant()),
        _ => null,
    };

    private static string? RoomName(string args)
    {
        var name = args.StartsWith('#') ? args[1..] : args;
        var allowed = name.Length is >= 2 and <= 32 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return allowed ? name.ToLowerInvariant() : null;
    }
}
