namespace Chat.Tui.Commands;

/// <summary>What a line typed in the input bar asks for.</summary>
public abstract record InputCommand;

/// <summary>Plain text for the current conversation.</summary>
public sealed record SendText(string Text) : InputCommand;

/// <summary>!X user message, /msg user message.</summary>
public sealed record SendDirectCommand(string To, string Text) : InputCommand;

/// <summary>!reply text: a DM to whoever sent me the last one.</summary>
public sealed record ReplyCommand(string Text) : InputCommand;

public sealed record ChangeNickCommand(string Nick) : InputCommand;

public sealed record WhoCommand : InputCommand;

public sealed record ActionCommand(string Action) : InputCommand;

/// <summary>!join #dev: the room's name without its '#'.</summary>
public sealed record JoinCommand(string Room) : InputCommand;

/// <summary>!leave #dev, or !leave alone for the room on screen (null).</summary>
public sealed record LeaveCommand(string? Room) : InputCommand;

public sealed record RoomsCommand : InputCommand;

/// <summary>!away lunch; the reason may be left out.</summary>
public sealed record AwayCommand(string? Reason) : InputCommand;

public sealed record BackCommand : InputCommand;

public sealed record WhoisCommand(string User) : InputCommand;

public sealed record HelpCommand : InputCommand;

public sealed record QuitCommand : InputCommand;

/// <summary>!bell toggles; !bell on / !bell off sets.</summary>
public sealed record BellCommand(bool? On) : InputCommand;

/// <summary>The outcome of parsing: a command to run, or a one-line hint and nothing is sent.</summary>
public readonly record struct ParsedInput(InputCommand? Command, string? Hint)
{
    public static ParsedInput Run(InputCommand command) => new(command, null);

    public static ParsedInput Refuse(string hint) => new(null, hint);

    /// <summary>An empty line: nothing to do and nothing to say.</summary>
    public bool IsEmpty => Command is null && Hint is null;
}
