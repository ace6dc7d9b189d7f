using System.Runtime.Versioning;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// Issue 17, item 3: on the box everyone connects from loopback, so the host also listens on a
/// Unix socket, learns each peer's Unix user from the kernel, and caps per user: on the socket,
/// and on loopback TCP where /proc/net/tcp names the owner of the client's socket.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class UnixPeersEndToEndSpecs : IAsyncLifetime
{
    private const string Password = "password1";
    private TestHost _host = null!;

    private string Socket => _host.UnixSocketPath;

    public async Task InitializeAsync()
    {
        // Over the spec's defaults: identify loopback peers again, and small caps to fill.
        _host = await TestHost.StartAsync(extraConfig: """
            chat.connections { identify-loopback-peers = on, max-per-address = 6, max-anonymous-per-peer = 3, max-per-account = 2 }
            chat.auth.registrations-per-address { burst = 3, per-hour = 1 }
            """);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<RawClient> HelloOverSocketAsync()
    {
        var client = await RawClient.ConnectUnixAsync(Socket);
        await client.HelloAsync();
        return client;
    }

    [Fact]
    public async Task The_host_serves_the_chat_on_a_unix_socket_beside_its_data_directory()
    {
        Assert.Equal(_host.DataDirectory + ".sock", Socket);
        Assert.Equal((UnixFileMode)Convert.ToInt32("666", 8), File.GetUnixFileMode(Socket) & (UnixFileMode)Convert.ToInt32("777", 8));

        await using var alice = await HelloOverSocketAsync();
        Assert.IsType<Ok>(await alice.RequestAsync(new Register("alice", Password)));
        Assert.IsType<Ok>(await alice.RequestAsync(new Login("alice", Password)));
        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "over the socket")));

        var path = Socket;
        await _host.StopAsync();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Anonymous_connections_are_capped_per_unix_user_and_loopback_tcp_counts_as_the_same_user()
    {
        var open = new List<RawClient>();
        try
        {
            for (var i = 0; i < 2; i++)
                open.Add(await HelloOverSocketAsync());
            open.Add(await _host.ConnectAsync());
            await open[^1].HelloAsync();

            // The fourth anonymous connection of this Unix user, over TCP or the socket, is refused with a reason.
            await using var tcp = await _host.ConnectAsync();
            var bye = await tcp.ExpectAsync<Bye>();
            Assert.Equal((ErrorCodes.TooManyConnections, true), (bye.Code, bye.Message.Contains("not logged in", StringComparison.Ordinal)));
            await using var socket = await RawClient.ConnectUnixAsync(Socket);
            Assert.Equal(ErrorCodes.TooManyConnections, (await socket.ExpectAsync<Bye>()).Code);

            // Logging one in frees an anonymous place.
            Assert.IsType<Ok>(await open[0].RequestAsync(new Register("alice", Password)));
            Assert.IsType<Ok>(await open[0].RequestAsync(new Login("alice", Password)));
            open.Add(await HelloOverSocketAsync());
        }
        finally
        {
            foreach (var client in open)
                await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Registrations_are_limited_per_unix_user()
    {
        await using var client = await HelloOverSocketAsync();
        for (var i = 0; i < 3; i++)
            Assert.IsType<Ok>(await client.RequestAsync(new Register($"user{i}", Password)));

        var refused = await client.ExpectErrorAsync(new Register("user3", Password), ErrorCodes.RateLimited);
        Assert.NotNull(refused.RetryAfterMs);
    }

    [Fact]
    public async Task An_account_holds_at_most_its_connections_even_by_chaining_resume_tokens()
    {
        await using var first = await HelloOverSocketAsync();
        Assert.IsType<Ok>(await first.RequestAsync(new Register("alice", Password)));
        var token = Assert.IsType<Ok>(await first.RequestAsync(new Login("alice", Password))).Resume!;
        await using var second = await HelloOverSocketAsync();
        token = Assert.IsType<Ok>(await second.RequestAsync(new Resume(token))).Resume!;

        await using var third = await HelloOverSocketAsync();
        var refused = await third.ExpectErrorAsync(new Resume(token), ErrorCodes.TooManyConnections);
        Assert.Contains("2 connections", refused.Message);
        await third.ExpectErrorAsync(new Login("alice", Password), ErrorCodes.TooManyConnections);

        // The others are still served, and a place freed by a logout is taken again.
        Assert.IsType<Ok>(await first.RequestAsync(new Say("lobby", "still here")));
        Assert.IsType<Ok>(await second.RequestAsync(new Logout()));
        Assert.IsType<Ok>(await third.RequestAsync(new Login("alice", Password)));
    }
}
