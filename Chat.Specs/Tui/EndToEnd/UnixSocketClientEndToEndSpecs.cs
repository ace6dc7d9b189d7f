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
        Assert.True(alice.Enter("over the socket"));

        await Eventually.True(() => bob.Lobby.Lines.Any(l => l.Text == "over the socket"), "bob over TCP reads alice over the socket");
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task Where_the_host_offers_it_the_client_logs_in_as_its_unix_user_without_a_password_and_comes_back_the_same_way()
    {
        await using var host = await TestHost.StartAsync(extraConfig: "chat.unix-socket.peer-login = on");
        var me = Environment.UserName;
        await using (var registrar = new ChatSession(ServerAddress.Unix(host.UnixSocketPath), SessionFixture.FastRetry))
            Assert.Null(await registrar.RegisterAsync(me, "a-password-1"));
        await using var session = new ChatSession(ServerAddress.Unix(host.UnixSocketPath), SessionFixture.FastRetry);

        await session.CheckPeerLoginAsync();
        Assert.Equal(me, Gated.Read(() => session.PeerLoginOffer));
        Assert.Null(await session.PeerLogInAsync());

        Assert.Equal(ConnectionStatus.Connected, Gated.Read(() => session.Status));
        Assert.True(session.Enter("no password typed"));
        await Eventually.True(() => session.Lobby.Lines.Any(l => l.Text == "no password typed"), "the line went out as the Unix user");

        // With no resume token left, a dropped link logs in again as the Unix user.
        Assert.True(session.Enter("!logout-all"));
        await Eventually.True(() => session.Lobby.Lines.Any(l => l.Text.Contains("other terminals were logged out", StringComparison.Ordinal)), "the tokens are revoked");
        await host.RestartAsync();
        await Eventually.True(() => session.Lobby.Lines.Any(l => l.Text.StartsWith("Lost the connection", StringComparison.Ordinal)), "the link dropped");
        await Eventually.True(() => session.Status == ConnectionStatus.Connected, "logged in again without a password");
    }

    [Fact]
    public async Task Over_tcp_or_where_the_host_has_it_off_the_client_does_not_offer_it()
    {
        await using var host = await TestHost.StartAsync();
        await using var overSocket = new ChatSession(ServerAddress.Unix(host.UnixSocketPath), SessionFixture.FastRetry);
        await using var overTcp = new ChatSession(new ServerAddress("127.0.0.1", host.Endpoint.Port), SessionFixture.FastRetry);

        await overSocket.CheckPeerLoginAsync();
        await overTcp.CheckPeerLoginAsync();

        Assert.Null(Gated.Read(() => overSocket.PeerLoginOffer));
        Assert.Null(Gated.Read(() => overTcp.PeerLoginOffer));
        Assert.Contains("does not offer", await overSocket.PeerLogInAsync());
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
