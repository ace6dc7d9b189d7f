namespace Chat.Specs.Support;

/// <summary>
/// A tmux server of the spec's own (its own socket), running one command in one pane of a fixed
/// size: keys in with send-keys, the screen out with capture-pane, as a person at a terminal.
/// </summary>
public sealed class Tmux : IDisposable
{
    private readonly string _socket;

    private Tmux(string socket) => _socket = socket;

    /// <param name="socket">A short path: a Unix socket's path has a limit of about 100 bytes.</param>
    public static async Task<Tmux> StartAsync(string socket, string command, int width = 100, int height = 30)
    {
        var tmux = new Tmux(socket);
        await tmux.RunAsync("new-session", "-d", "-s", "spec", "-x", width.ToString(), "-y", height.ToString(), command);
        return tmux;
    }

    /// <summary>The pid of the pane's first process (tmux runs the command through the shell).</summary>
    public async Task<int> PanePidAsync() => int.Parse((await RunAsync("list-panes", "-t", "spec", "-F", "#{pane_pid}")).Trim());

    public Task TypeAsync(string text) => RunAsync("send-keys", "-t", "spec", "-l", text);

    /// <summary>tmux key names: Enter, Tab, M-r (Alt+R), C-q ...</summary>
    public Task PressAsync(string key) => RunAsync("send-keys", "-t", "spec", key);

    public Task<string> ScreenAsync() => RunAsync("capture-pane", "-p", "-t", "spec");

    /// <summary>The window changes size, as when a person resizes their terminal (SIGWINCH reaches the program).</summary>
    public Task ResizeAsync(int width, int height) => RunAsync("resize-window", "-t", "spec", "-x", width.ToString(), "-y", height.ToString());

    /// <summary>Waits until the screen shows <paramref name="text"/>; fails with the last screen.</summary>
    public Task<string> WaitForAsync(string text, TimeSpan? patience = null) =>
        WaitUntilAsync(screen => screen.Contains(text, StringComparison.Ordinal), $"\"{text}\"", patience);

    /// <summary>Waits until the screen passes <paramref name="test"/>; fails with the last screen.</summary>
    public async Task<string> WaitUntilAsync(Func<string, bool> test, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(60));
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = await ScreenAsync();
            if (test(screen))
                return screen;
            await Task.Delay(200);
        }
        Assert.Fail($"the screen never showed {what}; it shows:\n{screen}");
        return screen;
    }

    public void Dispose()
    {
        try
        {
            RunAsync("kill-server").Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Gone already.
        }
        File.Delete(_socket);
    }

    private async Task<string> RunAsync(params string[] args) =>
        (await ProcessRun.RunAsync("tmux", ["-S", _socket, .. args])).OutputOrThrow($"tmux {string.Join(' ', args)}");
}
