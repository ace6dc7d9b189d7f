using System.Diagnostics;
using Chat.Protocol;
using Chat.Specs.Support;
using Chat.Specs.Tui;

namespace Chat.Specs.Irc;

/// <summary>
/// A real IRC client against the gateway: Debian's ii (files and FIFOs for every channel) logs in
/// with PASS username:password, talks in #lobby with a chat-protocol client and hears it back,
/// and sends and gets a direct message.
/// </summary>
public sealed class RealIrcClientEndToEndSpecs : IAsyncLifetime
{
    private readonly int _ircPort = FreePort.Next();
    private readonly TempDirectory _dir = new();
    private TestHost _host = null!;
    private Process? _ii;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(extraConfig: $"chat.irc.port = {_ircPort}");

    public async Task DisposeAsync()
    {
        if (_ii is { HasExited: false })
        {
            _ii.Kill(entireProcessTree: true);
            await _ii.WaitForExitAsync();
        }
        _ii?.Dispose();
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    [IiFact]
    public async Task Ii_talks_in_the_lobby_and_by_direct_message_with_a_chat_client()
    {
        await using (var registrar = await _host.ConnectAsync())
        {
            await registrar.HelloAsync();
            Assert.IsType<Ok>(await registrar.RequestAsync(new Register("iiuser", "password1")));
            Assert.IsType<Ok>(await registrar.RequestAsync(new Register("bob", "password2")));
        }
        await using var bob = await RawClient.LoggedInAsync(_host, "bob", "password2");

        var start = new ProcessStartInfo(IiFactAttribute.IiPath)
        {
            ArgumentList = { "-s", "127.0.0.1", "-p", _ircPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-n", "iiuser", "-i", _dir.Path, "-k", "IIPASS" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["IIPASS"] = "iiuser:password1";
        _ii = Process.Start(start)!;
        var server = Path.Combine(_dir.Path, "127.0.0.1");
        var lobby = Path.Combine(server, "#lobby");

        // Logged in, the gateway joins ii to #lobby; ii makes the channel's folder and FIFO.
        await Eventually.True(() => File.Exists(Path.Combine(lobby, "in")), "ii joined #lobby");
        await bob.WaitForAsync<Joined>(j => j.User == "iiuser");
        await WriteFifoAsync(Path.Combine(lobby, "in"), "hello from ii");
        var fromIi = await bob.ExpectAsync<ChatMessage>(m => m.User == "iiuser");
        Assert.Equal("hello from ii", fromIi.Text);

        Assert.IsType<Ok>(await bob.RequestAsync(new Say("lobby", "hello, ii")));
        await Eventually.True(() => ReadOrEmpty(Path.Combine(lobby, "out")).Contains("<bob> hello, ii", StringComparison.Ordinal), "ii shows bob's line");

        Assert.IsType<Ok>(await bob.RequestAsync(new SendDirect("iiuser", "a word in private")));
        await Eventually.True(() => ReadOrEmpty(Path.Combine(server, "bob", "out")).Contains("<bob> a word in private", StringComparison.Ordinal), "ii shows bob's DM");
        await WriteFifoAsync(Path.Combine(server, "in"), "/j bob private reply");
        var dm = await bob.ExpectAsync<DirectMessage>(m => m.From == "iiuser");
        Assert.Equal("private reply", dm.Text);
    }

    private static async Task WriteFifoAsync(string fifo, string line)
    {
        await using var writer = new StreamWriter(fifo);
        await writer.WriteLineAsync(line);
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
