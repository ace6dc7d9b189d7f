using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Chat.Tui.Views;

/// <summary>
/// The few colours the chat uses, derived from the view's own scheme so they suit any theme.
/// With NO_COLOR only text styles remain, so nothing depends on colour alone: notices are marked
/// "--", local lines "-!-", nicks are in angle brackets.
/// </summary>
public sealed class ChatPalette(bool useColor)
{
    // Readable on dark and light backgrounds, distinct in 16 colours (TERM=linux).
    private static readonly ColorName16[] NickColors =
    [
        ColorName16.Red, ColorName16.Green, ColorName16.Yellow, ColorName16.Blue, ColorName16.Magenta, ColorName16.Cyan,
        ColorName16.BrightRed, ColorName16.BrightGreen, ColorName16.BrightYellow, ColorName16.BrightBlue,
        ColorName16.BrightMagenta, ColorName16.BrightCyan,
    ];

    public static ChatPalette FromEnvironment() => new(Environment.GetEnvironmentVariable("NO_COLOR") is null);

    /// <summary>The same user always gets the same colour, on every run and every client.</summary>
    public Attribute Nick(string? user, Attribute normal) =>
        useColor && user is not null
            ? normal with { Foreground = new Color(NickColors[StableHash(user) % (uint)NickColors.Length]), Style = TextStyle.Bold }
            : normal with { Style = TextStyle.Bold };

    public Attribute Muted(Attribute normal) =>
        useColor ? normal with { Foreground = new Color(ColorName16.DarkGray) } : normal with { Style = TextStyle.Faint };

    public Attribute Local(Attribute normal) =>
        useColor ? normal with { Foreground = new Color(ColorName16.Cyan), Style = TextStyle.Italic } : normal with { Style = TextStyle.Italic };

    public Attribute Mention(Attribute normal) =>
        useColor ? normal with { Foreground = new Color(ColorName16.BrightYellow), Style = TextStyle.Bold } : normal with { Style = TextStyle.Bold | TextStyle.Underline };

    /// <summary>FNV-1a over the case-folded name: string.GetHashCode changes per process.</summary>
    internal static uint StableHash(string user)
    {
        var hash = 2166136261u;
        foreach (var c in user.ToLowerInvariant())
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash;
    }
}
