using Chat.Tui.Session;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// The first screen: server, username, password (twice, to register), and Log in / Register /
/// Quit. The rules for names and passwords are shown before anyone gets them wrong; errors show
/// in the form in plain words, and the focus goes to the field to correct.
/// </summary>
public sealed class WelcomeView : View
{
    private readonly ChatSession _session;
    private readonly TextField _server;
    private readonly TextField _user;
    private readonly TextField _password;
    private readonly TextField _confirm;
    private readonly Button _logIn;
    private readonly Button _register;
    private readonly Button _peer;
    private readonly Label _message;

    public WelcomeView(ChatSession session, string? user = null)
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
            Height = 16,
        };
        var serverLabel = new Label { Text = "Server:", X = 1, Y = 1 };
        _server = new TextField { X = 12, Y = 1, Width = Dim.Fill(1), Text = session.Servers.ToString() };
        var userLabel = new Label { Text = "_Username:", X = 1, Y = 3 };
        _user = new TextField { X = 12, Y = 3, Width = Dim.Fill(1), Text = user ?? "" };
        var passwordLabel = new Label { Text = "_Password:", X = 1, Y = 5 };
        _password = new TextField { X = 12, Y = 5, Width = Dim.Fill(1), Secret = true };
        var confirmLabel = new Label { Text = "_Again:", X = 1, Y = 6 };
        _confirm = new TextField { X = 12, Y = 6, Width = Dim.Fill(1), Secret = true };
        var rules = new Label { X = 12, Y = 7, Width = Dim.Fill(1), Height = 3, Text = Rules };
        rules.TextFormatter.WordWrap = true;
        _logIn = new Button { Text = "_Log in", X = 12, Y = 10, IsDefault = true };
        _register = new Button { Text = "_Register", X = Pos.Right(_logIn) + 2, Y = 10 };
        var quit = new Button { Text = "_Quit", X = Pos.Right(_register) + 2, Y = 10 };
        // Shown once the host's Unix socket offers it: the kernel, not a password, says who this is.
        _peer = new Button { X = 12, Y = 11, Visible = false };
        _message = new Label { X = 1, Y = 12, Width = Dim.Fill(1), Height = 2 };
        _message.TextFormatter.WordWrap = true;
        form.Add(serverLabel, _server, userLabel, _user, passwordLabel, _password, confirmLabel, _confirm, rules, _logIn, _register, quit, _peer, _message);
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
        _peer.Accepting += (_, e) =>
        {
            if (_session.Status != ConnectionStatus.Connecting && _session.PeerLoginOffer is not null)
            {
                _ = _session.PeerLogInAsync();
                Render();
            }
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
        foreach (var field in Fields)
            field.HasFocusChanged += (_, _) => _lastField = field.HasFocus ? field : _lastField;
        session.Changed += Render;
        // Focus can only be given once the form is in a running screen.
        Initialized += (_, _) => (_user.Text.Length == 0 ? _user : _password).SetFocus();
        // Over the host's Unix socket the host may offer to log in as the Unix user (peer login).
        if (session.Server.UnixSocket is not null)
            _ = session.CheckPeerLoginAsync();
    }

    /// <summary>Fills in the username (the SSH front door knows it), so the person starts at the password.</summary>
    public void PrefillUsername(string user) => _user.Text = user;

    public event Action? QuitRequested;

    /// <summary>The host's rules for new accounts, said up front (the host's defaults; it says so again if it differs).</summary>
    public const string Rules = "Usernames: 3 to 20 of a-z, 0-9, _ and -. Passwords: 8 characters or more. To register, type the password again.";

    private void Enter(bool register)
    {
        if (_session.Status == ConnectionStatus.Connecting)
            return;
        if (!ServerList.TryParse(_server.Text, out var servers, out var problem))
        {
            Say($"The server address must look like HOST:PORT, for example 127.0.0.1:7777, or several as a:7777,b:7777: {problem}.");
            return;
        }
        if (register && _confirm.Text != _password.Text)
        {
            Say(_confirm.Text.Length == 0 ? "To register, type the password again under it." : "The two passwords differ; type the same in both.");
            // After the pressed button has taken the focus (Alt+R focuses it around its action). Not
            // App.Invoke: on the UI thread it runs at once, before that, and the button kept the focus.
            // A zero timeout runs at the main loop's next turn, once the key is handled.
            if (App is { } app)
                app.AddTimeout(TimeSpan.Zero, () => { FocusOn(_confirm); return false; });
            else
                FocusOn(_confirm);
            return;
        }
        _session.Servers = servers;
        _ = register ? _session.RegisterAsync(_user.Text, _password.Text) : _session.LogInAsync(_user.Text, _password.Text);
        Render();
    }

    /// <summary>After a failure, the field to correct has the focus, its text selected so typing replaces it.</summary>
    private void FocusOn(TextField field)
    {
        field.SetFocus();
        field.SelectAll();
    }

    /// <summary>
    /// A character typed while a button has the focus (after pressing it, or tabbing past the
    /// fields) goes to the field last typed in rather than nowhere: typed keys always reach a field.
    /// </summary>
    protected override bool OnKeyDown(Key key)
    {
        if (key.IsCtrl || key.IsAlt || key.AsRune.Value < ' ' || key.AsRune == default)
            return base.OnKeyDown(key);
        if (Fields.Any(field => field.HasFocus))
            return base.OnKeyDown(key);
        // A field that takes the focus selects its text, and the key would replace it: the key is
        // added where the cursor was instead, as if the focus had never left.
        var field = LastField;
        var cursor = field.InsertionPoint;
        field.SetFocus();
        field.ClearAllSelection();
        field.InsertionPoint = cursor;
        return field.NewKeyDownEvent(key);
    }

    private TextField[] Fields => [_server, _user, _password, _confirm];

    // The field typed in last: where a character typed on a button goes.
    private TextField? _lastField;

    private TextField LastField => _lastField ?? _user;

    private void Render()
    {
        var busy = _session.Status == ConnectionStatus.Connecting;
        _logIn.Enabled = !busy;
        _register.Enabled = !busy;
        _peer.Visible = _session.PeerLoginOffer is not null;
        _peer.Enabled = !busy;
        _peer.Text = $"Log in as {_session.PeerLoginOffer} (no pass_word)";
        Say(busy ? $"Connecting to {_session.Servers}..." : _session.LoginError ?? "");
        if (busy || _session.LoginError is not { } error || error == _lastError)
            return;
        _lastError = error;
        FocusOn(error.Contains("username", StringComparison.OrdinalIgnoreCase) && !error.Contains("password", StringComparison.OrdinalIgnoreCase) ? _user : _password);
    }

    // Focus moves once per failure, not on every change the session reports.
    private string? _lastError;

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
