namespace Chat.Tui.Commands;

/// <summary>The help the user gets from !help and F1: built from the command table so it never drifts.</summary>
public static class HelpText
{
    public static IReadOnlyList<string> Lines { get; } = Build();

    private static List<string> Build()
    {
        var lines = new List<string> { "Commands (each also with / instead of !):" };
        foreach (var spec in CommandTable.All)
        {
            var also = spec.Aliases.Count > 0 ? $" (also {string.Join(", ", spec.Aliases.Select(a => "/" + a))})" : "";
            lines.Add($"  {spec.Usage('!', spec.Name),-24} {spec.Summary}{also}");
        }
        lines.Add("Keys:");
        lines.Add("  Tab completes names and commands; Up/Down recall earlier input");
        lines.Add("  PgUp/PgDn scroll the chat (above its top: older history);");
        lines.Add("  Ctrl+Home/Ctrl+End jump to its start/end");
        lines.Add("  (Home/End too, when the input line is empty)");
        lines.Add("  Ctrl+N/Ctrl+P or Alt+1..9 switch conversations; Shift+Tab picks one");
        lines.Add("  from the list (Up/Down, then Enter to type again)");
        lines.Add("  F1 this help; Esc closes it; Ctrl+Q or !quit leaves");
        return lines;
    }
}
