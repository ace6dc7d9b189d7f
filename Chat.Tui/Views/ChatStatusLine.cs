using Chat.Tui.Log;
using Chat.Tui.Session;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// The bottom line: who I am, where, which conversation, and the two keys everyone needs. When
/// the terminal is narrow the server goes first, so the keys always stay in view.
/// </summary>
public sealed class ChatStatusLine : Label
{
    public const string Keys = "F1 Help | Ctrl+Q Quit";

    private ChatSession? _session;

    public ChatStatusLine()
    {
        Width = Dim.Fill();
        Height = 1;
        SchemeName = "Menu";
        FrameChanged += (_, _) => Refresh();
    }

    public void Render(ChatSession session)
    {
        _session = session;
        Refresh();
    }

    private void Refresh()
    {
        if (_session is not null)
            Text = Describe(_session, Frame.Width > 0 ? Frame.Width : 80);
    }

    public static string Describe(ChatSession session, int width)
    {
        var link = session.Status switch
        {
            ConnectionStatus.Connected when session.Me is { } me => $"Connected as {me.Nick} ({me.User})",
            ConnectionStatus.Reconnecting => $"reconnecting... (try {session.ReconnectAttempt}, after {session.ReconnectDelay.TotalSeconds:0} s)",
            ConnectionStatus.Connecting => "connecting...",
            _ => "disconnected",
        };
        var conversation = session.Current.IsDirect ? "@" + session.Current.Title : "#" + session.Current.Title;
        var bell = session.BellEnabled ? "" : " | bell off";
        if (session.Sending is { } sending)
            link += $" | {sending}";
        // Which node of a cluster the link is on; while not connected, where it goes next.
        var server = session.Status == ConnectionStatus.Connected ? $"on {session.Server}" : session.Server.ToString();
        var full = $" {link} | {server} | {conversation}{bell} | {Keys}";
        if (DisplayWidth.Of(full) <= width)
            return full;
        var shorter = $" {link} | {conversation}{bell} | {Keys}";
        if (DisplayWidth.Of(shorter) <= width)
            return shorter;
        var left = $" {link} | {conversation}";
        return left[..DisplayWidth.Fit(left, Math.Max(0, width - Keys.Length - 4), out _)] + "… | " + Keys;
    }
}
