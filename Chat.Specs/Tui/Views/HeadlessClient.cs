using System.Diagnostics;
using Chat.Specs.Tui.Session;
using Chat.Tui.Session;
using Chat.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace Chat.Specs.Tui.Views;

/// <summary>
/// The real client screen on the ANSI driver with virtual time and no terminal: keys go in with
/// InjectKey, the screen comes out as text. Network events reach it through app.Invoke, as in
/// the app; <see cref="WaitFor"/> runs the queued invocations the main loop would run.
/// Synchronous on purpose: everything stays on the thread that created the app.
/// </summary>
public sealed class HeadlessClient : IDisposable
{
    private readonly SessionToken? _token;

    /// <param name="options">The session's options (its dispatcher is the app's); <see cref="SessionFixture.FastRetry"/> when null.</param>
    public HeadlessClient(ServerList server, int width = 80, int height = 24, SessionOptions? options = null)
    {
        App = Application.Create(new VirtualTimeProvider());
        App.Init("ansi");
        App.Driver!.SetScreenSize(width, height);
        Session = new ChatSession(server, (options ?? SessionFixture.FastRetry) with { Dispatch = change => App.Invoke(change) });
        Shell = new ClientShell(App, Session, new ChatPalette(useColor: true), () => Rings++);
        _token = App.Begin(Shell);
    }

    public IApplication App { get; }

    public ChatSession Session { get; }

    public ClientShell Shell { get; }

    public int Rings { get; private set; }

    /// <summary>The screen as text, after the layout and drawing the main loop would do.</summary>
    public string Screen
    {
        get
        {
            App.LayoutAndDraw();
            return App.Driver!.ToString()!;
        }
    }

    public void Type(string text)
    {
        foreach (var c in text)
            App.InjectKey(c);
    }

    public void Press(Key key) => App.InjectKey(key);

    /// <summary>Fills the welcome form's username and password (the username field has the focus at start).</summary>
    public void EnterCredentials(string user, string password, bool twice = false)
    {
        Type(user);
        Press(Key.Tab);
        Type(password);
        if (!twice)
            return;
        Press(Key.Tab);
        Type(password);
    }

    /// <summary>Runs what the network queued for the UI until the screen shows what is expected.</summary>
    public void WaitFor(string text, TimeSpan? within = null) =>
        WaitUntil(() => Screen.Contains(text, StringComparison.Ordinal), $"the screen to show \"{text}\"", within);

    public void WaitUntil(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = within ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            App.TimedEvents!.RunTimers();
            if (Eventually.Holds(condition))
                return;
            if (clock.Elapsed > limit)
                Assert.Fail($"Timed out waiting for {what}. The screen was:\n{Screen}");
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        if (_token is not null)
            App.End(_token);
        Shell.Dispose();
        Session.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        App.Dispose();
    }
}
