using Chat.Tui.Commands;
using Chat.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace Chat.Specs.Tui.Views;

[Collection(TerminalCollection.Name)]
public class HelpDialogSpecs(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Help_names_the_commands_as_the_README_does_and_every_row_fits_at_80_columns()
    {
        using var app = Application.Create(new VirtualTimeProvider());
        app.Init("ansi");
        app.Driver!.SetScreenSize(80, 24);
        using var help = new HelpDialog();
        var token = app.Begin(help);
        app.LayoutAndDraw();
        var screen = app.Driver.ToString()!;
        app.End(token!);
        output.WriteLine(screen);

        foreach (var line in HelpText.Lines)
            Assert.Contains(line.Trim(), screen);
        Assert.Contains("!reply message", screen);
        Assert.Contains("!leave [#room]", screen);
        Assert.Contains("!X username message", screen);
        Assert.DoesNotContain("!r message", screen);
        Assert.DoesNotContain("!part", screen);
    }
}
