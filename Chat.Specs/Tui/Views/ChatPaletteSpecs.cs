using Chat.Tui.Views;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Chat.Specs.Tui.Views;

public class ChatPaletteSpecs
{
    private static readonly Attribute Normal = new(new Color(ColorName16.White), new Color(ColorName16.Black));

    [Fact]
    public void A_user_always_gets_the_same_colour_whatever_the_case_of_the_name()
    {
        var palette = new ChatPalette(useColor: true);

        Assert.Equal(palette.Nick("alice", Normal), new ChatPalette(useColor: true).Nick("Alice", Normal));
        Assert.Equal(ChatPalette.StableHash("bob"), ChatPalette.StableHash("BOB"));
    }

    [Fact]
    public void Different_users_spread_over_the_palette()
    {
        var palette = new ChatPalette(useColor: true);
        var colours = new[] { "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi" }
            .Select(user => palette.Nick(user, Normal).Foreground)
            .Distinct()
            .Count();

        Assert.True(colours >= 4, $"only {colours} colours for 8 users");
    }

    [Fact]
    public void Without_colour_only_text_styles_change()
    {
        var palette = new ChatPalette(useColor: false);

        Assert.Equal(Normal.Foreground, palette.Nick("alice", Normal).Foreground);
        Assert.Equal(Normal.Foreground, palette.Muted(Normal).Foreground);
        Assert.Equal(TextStyle.Faint, palette.Muted(Normal).Style);
    }
}
