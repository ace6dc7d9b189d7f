using Chat.Specs.Support;
using Chat.Specs.Tui.Session;
using Chat.Tui;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.EndToEnd;

/// <summary>On the box, the client talks to the host over its Unix socket, where the host knows which local user it is.</summary>
public class UnixSocketClientEndToEndSpecs
{
    [Fact]
    public async Task The_client_registers_and_talks_over_the_hosts_unix_socket()
    {
        await using var host = await TestHost.StartAsync();
        Assert.True(CommandLine.TryParse(["--server", "unix:" + host.UnixSocketPath], out var options, out _));
        await using var alice = new ChatSession(options.Server, SessionFixture.FastRetry);
        var bob = new ChatSession(new ServerAddress("127.0.0.1", host.Endpoint.Port), SessionFixture.FastRetry);

        Assert.Null(await alice.RegisterAsync("alice", "wonderland"));
        Assert.Null(await bob.RegisterAsync("bob", "builder1"));
        Assert.True(alice.Submit("over the socket"));

        await Eventually.True(() => bob.Lobby.Lines.Any(l => l.Text == "over the socket"), "bob over TCP reads alice over the socket");
        await bob.DisposeAsync();
    }

    [Fact]
    public void Without_server_the_client_prefers_the_socket_when_it_is_there()
    {
        var environment = new Dictionary<string, string> { ["CHAT_SOCKET"] = "/srv/chat/data.sock" };

        Assert.Equal("unix:/srv/chat/data.sock", ServerAddress.Preferred(environment.GetValueOrDefault, _ => true).ToString());
        Assert.Equal(ServerAddress.Default, ServerAddress.Preferred(environment.GetValueOrDefault, _ => false));
        Assert.True(ServerAddress.TryParse("unix:/tmp/x.sock", out var parsed));
        Assert.Equal("/tmp/x.sock", parsed.UnixSocket);
        Assert.False(ServerAddress.TryParse("unix:", out _));
    }
}
