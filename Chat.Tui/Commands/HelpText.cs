namespace Chat.Tui.Commands;

/// <summary>The help the user gets from !help and F1: built from the command table so it never drifts.</summary>
public static class HelpText
{
    public static IReadOnlyList<string> Lines { get; } = Build();

    private static List<string> Build()
    {
        var lines = new List<string> { "Commands, each also with / for ! (F1 this help, Esc closes it):" };
        foreach (var spec in CommandTable.General)
        {
            var also = spec.Aliases.Count > 0 ? $" (also {string.Join(", ", spec.Aliases.Select(a => "/" + a))})" : "";
            lines.Add($"  {spec.Usage('!', spec.Name),-24} {spec.Summary}{also}");
        }
        // Compact, so help still fits 24 rows: each command's usage is in docs/client.md and in its own error.
        var moderation = "  In rooms you run:";
        foreach (var spec in ModerationCommands.All)
        {
            if (moderation.Length + spec.Name.Length + 2 > 78)
            {
                lines.Add(moderation);
                moderation = "   ";
            }
            moderation += " !" + spec.Name;
        }
        lines.Add(moderation);
        lines.Add("Keys: Tab completes, Up/Down recall, PgUp/PgDn and Ctrl+Home/End scroll");
        lines.Add("  Ctrl+N/P or Alt+1..9 switch conversations, Shift+Tab lists them, F2 panels");
        lines.Add("  Ctrl+A/E/U/K/W and Alt+B/F edit the line as readline does; Ctrl+Q quits");
        return lines;
    }
}
