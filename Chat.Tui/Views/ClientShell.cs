using Chat.Tui.Session;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// The one runnable of the client: shows the welcome form until the session is logged in, then
/// the chat window. Owns the keys that work everywhere: F1 help, Ctrl+Q quit, and Esc, which
/// closes dialogs but never quits.
/// </summary>
public sealed class ClientShell : Runnable
{
    private readonly IApplication _app;
    private readonly ChatSession _session;
    private readonly ChatPalette _palette;
    private readonly WelcomeView _welcome;
    private readonly Action _ringBell;
    private ChatWindow? _chat;

    /// <param name="ringBell">Rings the terminal bell; specs count the rings instead.</param>
    /// <param name="user">The username the welcome form starts with (the configuration file's), if any.</param>
    public ClientShell(IApplication app, ChatSession session, ChatPalette palette, Action ringBell, string? user = null)
    {
        _app = app;
        _session = session;
        _palette = palette;
        _ringBell = ringBell;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        _welcome = new WelcomeView(session, user);
        _welcome.QuitRequested += Quit;
        Add(_welcome);

        session.Changed += OnSessionChanged;
        session.QuitRequested += Quit;
        session.PasswordChangeRequested += AskPasswordChange;
        session.BellRequested += ringBell;
        app.Keyboard.KeyDown += OnKey;
    }

    public WelcomeView Welcome => _welcome;

    /// <summary>The chat screen, once logged in.</summary>
    public ChatWindow? Chat => _chat;

    private void OnSessionChanged()
    {
        if (_chat is not null || !_session.IsLoggedIn)
            return;
        Remove(_welcome);
        _welcome.Dispose();
        _chat = new ChatWindow(_session, _palette);
        Add(_chat);
        _chat.Input.FocusField();
        SetNeedsLayout();
    }

    private void OnKey(object? sender, Key key)
    {
        // Only while this screen is on top: a dialog above it gets its keys (Esc closes it).
        if (_app.TopRunnable != this)
            return;
        if (key == Key.Esc)
            _chat?.Input.CancelPaste(); // and never quits
        else if (key == Key.Q.WithCtrl)
            Quit();
        else if (key == Key.F1)
            ShowHelp();
        else if (_chat?.HandleGlobalKey(key) == true)
            key.Handled = true;
        else
            return;
        key.Handled = true;
    }

    private void ShowHelp()
    {
        using var help = new HelpDialog();
        _app.Run(help);
    }

    private void AskPasswordChange()
    {
        using var dialog = new PasswordDialog(_session.ChangePassword);
        _app.Run(dialog);
    }

    private void Quit()
    {
        _ = _session.QuitAsync();
        _app.RequestStop(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Keyboard.KeyDown -= OnKey;
            _session.Changed -= OnSessionChanged;
            _session.QuitRequested -= Quit;
            _session.PasswordChangeRequested -= AskPasswordChange;
            _session.BellRequested -= _ringBell;
        }
        base.Dispose(disposing);
    }
}
