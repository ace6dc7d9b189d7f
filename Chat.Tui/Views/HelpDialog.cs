using Chat.Tui.Commands;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>F1: the commands and keys (their heading as the title), left-aligned so the columns line up. Esc dismisses it: without a
/// Close button every command still fits on a 24-row terminal.</summary>
public sealed class HelpDialog : Dialog
{
    public HelpDialog()
    {
        // The first line is the heading: on the border it leaves a row for the commands at 24 rows.
        Title = HelpText.Lines[0];
        var text = string.Join('\n', HelpText.Lines.Skip(1));
        Add(new Label
        {
            Text = text,
            X = 1,
            Y = 0,
            // A column to spare, so the longest row does not run into the border.
            Width = Dim.Auto() + 1,
            Height = Dim.Auto(),
            TextAlignment = Alignment.Start,
        });
    }
}
