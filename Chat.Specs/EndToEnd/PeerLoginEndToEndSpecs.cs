using System.Runtime.Versioning;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// Issue 17, item 3, the optional part: over the Unix socket, with chat.unix-socket.peer-login on,
/// a Unix user logs in to the chat account of the same name without a password, as PostgreSQL's
/// "peer" authentication does. The spec process's own Unix user is the peer the kernel names.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PeerLoginEndToEndSpecs : IAsyncLifetime
{
    private const string Password = "password1";
    private const string PeerLoginOn = "chat.unix-socket.peer-login = on\nchat.connections.max-per-account = 2";
    private static readonly string Me = Environment.UserName;
    private TestHost _host = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    private async Task<RawClient> OverTheSocketAsync(string? config = PeerLoginOn)
    {
        _host ??= await TestHost.StartAsync(extraConfig: config);
        return await RawClient.ConnectUnixAsync(_host.UnixSocketPath);
    }

    private async Task RegisterMeAsync(RawClient client) =>
        Assert.IsType<Ok>(await client.RequestAsync(new Register(Me, Password)));

    [Fact]
    public async Task My_unix_user_logs_in_to_the_account_of_that_name_without_a_password_and_gets_a_resume_token()
    {
        await using var first = await OverTheSocketAsync();
        await first.HelloAsync();
        await RegisterMeAsync(first);

        await using var client = await RawClient.ConnectUnixAsync(_host.UnixSocketPath);
        var welcome = await client.HelloAsync();
        Assert.Equal(Me, welcome.PeerLogin);
        var ok = Assert.IsType<Ok>(await client.RequestAsync(new PeerLogin()));

        Assert.Equal(Me, ok.User);
        Assert.IsType<Ok>(await client.RequestAsync(new Say(RoomNames.Lobby, "no password typed")));
        await using var resumed = await RawClient.ConnectUnixAsync(_host.UnixSocketPath);
        await resumed.HelloAsync();
        Assert.IsType<Ok>(await resumed.RequestAsync(new Resume(ok.Resume!)));
    }

    [Fact]
    public async Task A_peer_login_counts_against_the_accounts_connections_as_a_password_login_does()
    {
        await using var first = await OverTheSocketAsync();
        await first.HelloAsync();
        await RegisterMeAsync(first);
        Assert.IsType<Ok>(await first.RequestAsync(new Login(Me, Password)));
        await using var second = await RawClient.ConnectUnixAsync(_host.UnixSocketPath);
        await second.HelloAsync();
        Assert.IsType<Ok>(await second.RequestAsync(new PeerLogin()));

        await using var third = await RawClient.ConnectUnixAsync(_host.UnixSocketPath);
        await third.HelloAsync();
        await third.ExpectErrorAsync(new PeerLogin(), ErrorCodes.TooManyConnections);
        Assert.IsType<Ok>(await second.RequestAsync(new Logout()));
        Assert.IsType<Ok>(await third.RequestAsync(new PeerLogin()));
    }

    [Fact]
    public async Task Without_an_account_of_that_name_the_peer_is_told_to_register_first()
    {
        await using var client = await OverTheSocketAsync();
        await client.HelloAsync();

        var refused = await client.ExpectErrorAsync(new PeerLogin(), ErrorCodes.NoSuchUser);

        Assert.Contains($"no chat account named {Me}", refused.Message);
        Assert.Contains("register", refused.Message);
        await RegisterMeAsync(client);
        Assert.IsType<Ok>(await client.RequestAsync(new PeerLogin()));
    }

    [Fact]
    public async Task Over_tcp_it_is_not_offered_and_refused()
    {
        await using var socket = await OverTheSocketAsync();
        await socket.HelloAsync();
        await RegisterMeAsync(socket);
        await using var tcp = await _host.ConnectAsync();

        Assert.Null((await tcp.HelloAsync()).PeerLogin);
        var refused = await tcp.ExpectErrorAsync(new PeerLogin(), ErrorCodes.PeerLoginUnavailable);

        Assert.Contains("Unix socket", refused.Message);
        Assert.IsType<Ok>(await tcp.RequestAsync(new Login(Me, Password)));
    }

    [Fact]
    public async Task When_off_which_is_the_default_it_is_not_offered_and_refused()
    {
        await using var client = await OverTheSocketAsync(config: null);
        await client.HelloAsync();
        await RegisterMeAsync(client);

        await using var other = await RawClient.ConnectUnixAsync(_host.UnixSocketPath);
        Assert.Null((await other.HelloAsync()).PeerLogin);
        var refused = await other.ExpectErrorAsync(new PeerLogin(), ErrorCodes.PeerLoginUnavailable);

        Assert.Contains("off", refused.Message);
        Assert.IsType<Ok>(await other.RequestAsync(new Login(Me, Password)));
    }
}
