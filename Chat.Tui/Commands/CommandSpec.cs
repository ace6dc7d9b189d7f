namespace Chat.Tui.Commands;

/// <summary>What Tab offers for a command's first argument.</summary>
public enum ArgumentCompletion
{
    /// <summary>Every name: nicknames, usernames, peers.</summary>
    Names,
    /// <summary>Room names, with and without '#'.</summary>
    Rooms,
    /// <summary>Usernames of people online and of open conversations.</summary>
    Users,
}

/// <summary>A command's arguments as its shape read them: a first word (a name, a room, on/off) and the text after it.</summary>
public sealed record CommandArgs(string? Word = null, string? Text = null)
{
    public static CommandArgs None { get; } = new();
}

/// <summary>
/// One command, whole: the words that invoke it, its arguments (how they read, how to write them,
/// what Tab offers for them), its line of help, and what it does. The input parser, help, tab
/// completion and execution all read this record and nothing else.
/// </summary>
/// <param name="Name">The word help shows first; the README names it the same way.</param>
/// <param name="Arguments">The argument shape as help prints it ("username message").</param>
/// <param name="Read">Reads the text after the command word; null when the usage is wrong.</param>
/// <param name="NeedsHost">False for commands the client answers alone (help, bell, quit): they work while disconnected.</param>
/// <param name="Run">Does it; returns why it could not (the input stays in the bar), or null when it ran.</param>
public sealed record CommandSpec(
    string Name,
    IReadOnlyList<string> Aliases,
    string Arguments,
    string Summary,
    Func<string, CommandArgs?> Read,
    Func<IChatCommands, CommandArgs, string?> Run,
    ArgumentCompletion Completes = ArgumentCompletion.Names,
    bool NeedsHost = true)
{
    public IEnumerable<string> Words => Aliases.Prepend(Name);

    /// <summary>How to use it, spelt the way the user spelt the command ("/msg", "!X").</summary>
    public string Usage(char prefix, string word) => Arguments.Length == 0 ? $"{prefix}{word}" : $"{prefix}{word} {Arguments}";

    public bool IsCalled(string word) => Words.Any(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase));
}
