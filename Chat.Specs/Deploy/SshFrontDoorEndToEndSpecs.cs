using System.Text.RegularExpressions;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Deploy;

/// <summary>
/// The front door for real: Debian's sshd with the snippets from deploy/sshd, `ssh -tt` under
/// tmux, the client installed as a .NET tool as the ForceCommand, the real host behind it. A person sees the
/// welcome form, registers and talks; a second client hears them; the connection drops and
/// nothing is left running.
/// </summary>
[Collection(InstalledClientToolCollection.Name)]
public sealed partial class SshFrontDoorEndToEndSpecs(InstalledClientTool tool) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SshFact]
    public async Task Ssh_as_chat_opens_the_client_which_registers_talks_and_leaves_nothing_behind_when_the_connection_drops()
    {
        await using var door = await FrontDoor.OpenAsync(_dir.Path, tool, "sshd/chat.conf", "Match User chat");
        var (bob, client, sshd, terminal) = (door.Bob, door.ClientFolder, door.Sshd, door.Terminal);

        await terminal.WaitForAsync("Welcome to chat");
        await terminal.TypeAsync("alice");
        await terminal.PressAsync("Tab");
        await terminal.TypeAsync("password1");
        // Registering asks for the password twice.
        await terminal.PressAsync("Tab");
        await terminal.TypeAsync("password1");
        await terminal.PressAsync("M-r");
        await terminal.WaitForAsync("Connected as alice");
        await bob.ExpectAsync<Joined>(j => j.User == "alice");
        await terminal.TypeAsync("hello over ssh");
        await terminal.PressAsync("Enter");
        await bob.ExpectAsync<ChatMessage>(m => m.User == "alice" && m.Text == "hello over ssh");

        // The window is resized on the person's side: the client lays itself out again, edge to edge.
        await terminal.ResizeAsync(120, 32);
        await terminal.WaitUntilAsync(screen => screen.Split('\n')[0].TrimEnd().EndsWith('╮') && new System.Globalization.StringInfo(screen.Split('\n')[0].TrimEnd()).LengthInTextElements == 120, "the layout 120 columns wide");

        // The connection drops: the ssh client dies without a word (kill -9).
        var ssh = Processes.TreeOf(await terminal.PanePidAsync()).First(pid => Processes.NameOf(pid) == "ssh");
        Processes.Kill(ssh);

        await bob.ExpectAsync<Left>(l => l.User == "alice");
        await Processes.WaitUntilAsync(() => Processes.WithCommandLineContaining(client).Count == 0, "the client exiting", TimeSpan.FromSeconds(30));
        await Processes.WaitUntilAsync(() => Processes.TreeOf(sshd.Pid).Count == 1, "sshd's session processes exiting", TimeSpan.FromSeconds(30));
    }

    [SshFact]
    public async Task Ssh_as_ones_own_user_fills_in_the_username_and_closing_the_session_ends_the_client()
    {
        await using var door = await FrontDoor.OpenAsync(_dir.Path, tool, "sshd/chat-per-user.conf", "Match Group chat-users");
        var (bob, client, sshd, terminal) = (door.Bob, door.ClientFolder, door.Sshd, door.Terminal);

        // The form is drawn a piece at a time (a screen read as its title appears showed no fields
        // yet): wait for the filled-in field itself; it fails with the last screen if it never comes.
        var filledIn = new Regex($@"Username:\s+{Regex.Escape(SshServer.User)}\b");
        await terminal.WaitUntilAsync(screen => screen.Contains("Welcome to chat", StringComparison.Ordinal) && filledIn.IsMatch(screen), $"the welcome form with {SshServer.User} filled in");
        // The cursor is on the password already.
        await terminal.TypeAsync("password1");
        // Registering asks for the password twice.
        await terminal.PressAsync("Tab");
        await terminal.TypeAsync("password1");
        await terminal.PressAsync("M-r");
        await terminal.WaitForAsync($"Connected as {SshServer.User}");
        await bob.ExpectAsync<Joined>(j => j.User == SshServer.User);

        // The person closes the terminal: tmux goes, ssh is hung up, sshd hangs up the client.
        terminal.Dispose();

        await bob.ExpectAsync<Left>(l => l.User == SshServer.User);
        await Processes.WaitUntilAsync(() => Processes.WithCommandLineContaining(client).Count == 0, "the client exiting", TimeSpan.FromSeconds(30));
        await Processes.WaitUntilAsync(() => Processes.TreeOf(sshd.Pid).Count == 1, "sshd's session processes exiting", TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Everything a front-door spec stands on: the host, bob (a plain protocol client in the
    /// lobby), the installed client tool, sshd with the shipped snippet adapted to run here, and a tmux
    /// terminal running ssh -tt against it.
    /// </summary>
    private sealed record FrontDoor(TestHost Host, RawClient Bob, string ClientFolder, SshServer Sshd, Tmux Terminal) : IAsyncDisposable
    {
        public static async Task<FrontDoor> OpenAsync(string folder, InstalledClientTool tool, string snippetFile, string matchLine)
        {
            var host = await TestHost.StartAsync();
            var bob = await RegisteredAsync(host, "bob");
            var sshd = await SshServer.StartAsync(folder, Adapt(folder, DeployFiles.Read(snippetFile), matchLine, tool, host));
            var terminal = await Tmux.StartAsync(Path.Combine(folder, "t"), sshd.SshCommand());
            return new FrontDoor(host, bob, tool.Folder, sshd, terminal);
        }

        public async ValueTask DisposeAsync()
        {
            Terminal.Dispose();
            await Sshd.DisposeAsync();
            await Bob.DisposeAsync();
            await Host.DisposeAsync();
        }
    }

    /// <summary>
    /// The shipped snippet, made to run here: its Match line names this user, its ForceCommand runs
    /// the installed `chat` command against the spec's host with a HOME nobody can write to (a path
    /// under a file), its authorized keys are the spec's. Every other line is as shipped.
    /// </summary>
    private static string Adapt(string folder, string snippet, string matchLine, InstalledClientTool tool, TestHost host)
    {
        Assert.Contains(matchLine, snippet);
        Assert.Contains("ForceCommand /opt/chat/client/chat", snippet);
        var unwritableHome = Path.Combine(folder, "home-is-a-file");
        File.WriteAllText(unwritableHome, "");
        var client = $"env HOME={unwritableHome}/home DOTNET_ROOT={InstalledClientTool.DotnetRoot} {tool.Command} --server 127.0.0.1:{host.Endpoint.Port}";
        return AuthorizedKeysLine().Replace(
            snippet.Replace(matchLine, $"Match User {SshServer.User}").Replace("ForceCommand /opt/chat/client/chat", $"ForceCommand {client}"),
            "");
    }

    private static async Task<RawClient> RegisteredAsync(TestHost host, string user)
    {
        var client = await host.ConnectAsync();
        await client.HelloAsync();
        Assert.IsType<Ok>(await client.RequestAsync(new Register(user, "password1")));
        Assert.IsType<Ok>(await client.RequestAsync(new Login(user, "password1")));
        return client;
    }

    [GeneratedRegex(@"^\s*AuthorizedKeysFile .*$", RegexOptions.Multiline)]
    private static partial Regex AuthorizedKeysLine();
}
