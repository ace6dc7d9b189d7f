using Chat.Tui.Session;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// The first screen: server, username, password, and Log in / Register / Quit. Errors show in
/// the form in plain words and the user can correct and retry; the session decides everything.
/// </summary>
public sealed class WelcomeView : View
{
    private readonly ChatSession _session;
    private readonly TextField _server;
    private readonly TextField _user;
    private readonly TextField _password;
    private readonly Button _logIn;
    private readonly Button _register;
    private readonly Label _message;

    public WelcomeView(ChatSession session)
    {
        _session = session;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        var form = new FrameView
        {
            Title = "Welcome to chat",
            X = Pos.Center(),
            Y = Pos.Center(),
            Width = Dim.Percent(80) ,
            Height = 13,
        };
        var serverLabel = new Label { Text = "Server:", X = 1, Y = 1 };
        _server = new TextField { X = 12, Y = 1, Width = Dim.Fill(1), Text = session.Server.ToString() };
        var userLabel = new Label { Text = "_Username:", X = 1, Y = 3 };
        _user = new TextField { X = 12, Y = 3, Width = Dim.Fill(1) };
        var passwordLabel = new Label { Text = "_Password:", X = 1, Y = 5 };
        _password = new TextField { X = 12, Y = 5, Width = Dim.Fill(1), Secret = true };
        _logIn = new Button { Text = "_Log in", X = 12, Y = 7, IsDefault = true };
        _register = new Button { Text = "_Register", X = Pos.Right(_logIn) + 2, Y = 7 };
        var quit = new Button { Text = "_Quit", X = Pos.Right(_register) + 2, Y = 7 };
        _message = new Label { X = 1, Y = 9, Width = Dim.Fill(1), Height = 2 };
        _message.TextFormatter.WordWrap = true;
        form.Add(serverLabel, _server, userLabel, _user, passwordLabel, _password, _logIn, _register, quit, _message);
        Add(form);

        _logIn.Accepting += (_, e) =>
        {
            Enter(register: false);
            e.Handled = true;
        };
        _register.Accepting += (_, e) =>
        {
            Enter(register: true);
            e.Handled = true;
        };
        quit.Accepting += (_, e) =>
        {
            QuitRequested?.Invoke();
            e.Handled = true;
        };
        _password.KeyDown += (_, key) =>
        {
            if (key != Key.Enter)
                return;
            Enter(register: false);
            key.Handled = true;
        };
        session.Changed += Render;
        // Focus can only be given once the form is in a running screen.
        Initialized += (_, _) => (_user.Text.Length == 0 ? _user : _password).SetFocus();
    }

    /// <summary>Fills in the username (the SSH front door knows it), so the person starts at the password.</summary>
    public void PrefillUsername(string user) => _user.Text = user;

    public event Action? QuitRequested;

    private void Enter(bool register)
    {
        if (_session.Status == ConnectionStatus.Connecting)
            return;
        if (!ServerAddress.TryParse(_server.Text, out var address))
        {
            Say("The server address must look like HOST:PORT, for example 127.0.0.1:7777.");
            return;
        }
        _session.Server = address;
        _ = register ? _session.RegisterAsync(_user.Text, _password.Text) : _session.LogInAsync(_user.Text, _password.Text);
        Render();
    }

    private void Render()
    {
        var busy = _session.Status == ConnectionStatus.Connecting;
        _logIn.Enabled = !busy;
        _register.Enabled = !busy;
        Say(busy ? $"Connecting to {_session.Server}..." : _session.LoginError ?? "");
    }

    private void Say(string text)
    {
        _message.Text = text;
        SetNeedsDraw();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _session.Changed -= Render;
        base.Dispose(disposing);
    }
}
