namespace Chat.Tui.Commands;

/// <summary>The help the user gets from !help and F1: built from the command table so it never drifts.</summary>
public static class HelpText
{
    // Commands that go together share a row, so help still fits 24 rows. Before Lines: static initialisers run in order.
    private static readonly Dictionary<string, string> SharedRows = new() { ["search"] = "jump" };

    public static IReadOnlyList<string> Lines { get; } = Build();

    private static List<string> Build()
    {
        var lines = new List<string> { "Commands, each also with / for ! (F1 this help, Esc closes it):" };
        // !help is in the title already (F1 this help): its row would push the keys off 24 rows.
        foreach (var spec in CommandTable.General.Where(spec => spec.Name != "help" && !SharedRows.ContainsValue(spec.Name)))
        {
            var also = spec.Aliases.Count > 0 ? $" (also {string.Join(", ", spec.Aliases.Select(a => "/" + a))})" : "";
            if (SharedRows.TryGetValue(spec.Name, out var second) && CommandTable.Find(second) is { } next)
                lines.Add($"  {spec.Usage('!', spec.Name) + ", " + next.Usage('!', next.Name),-24} {spec.Summary}; {next.Summary}");
            else
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
        // Two rows for the keys, so help fits 24 rows; docs/client.md has them all.
        lines.Add("Keys: Tab completes, Up/Down recall, PgUp/PgDn scroll, F2 panels, Ctrl+Q");
        lines.Add("  Ctrl+N/P Alt+1..9 switch, Shift+Tab lists; readline Ctrl+A/E/U/K/W Alt+B/F");
        return lines;
    }
}
