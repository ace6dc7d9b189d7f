using Chat.Tui.Commands;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>F1: the commands and keys, left-aligned so the columns line up. Esc or Close dismisses it.</summary>
public sealed class HelpDialog : Dialog
{
    public HelpDialog()
    {
        Title = "Help";
        var text = string.Join('\n', HelpText.Lines);
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
        AddButton(new Button { Text = "_Close" });
    }
}
