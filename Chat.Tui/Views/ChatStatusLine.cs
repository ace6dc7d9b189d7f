using Chat.Tui.Session;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>The bottom line: who I am, where, which conversation, and the two keys everyone needs.</summary>
public sealed class ChatStatusLine : Label
{
    public const string Keys = "F1 Help | Ctrl+Q Quit";

    public ChatStatusLine()
    {
        Width = Dim.Fill();
        Height = 1;
        SchemeName = "Menu";
    }

    public void Render(ChatSession session) => Text = Describe(session);

    public static string Describe(ChatSession session)
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
        return $" {link} | {session.Server} | {conversation}{bell} | {Keys}";
    }
}
