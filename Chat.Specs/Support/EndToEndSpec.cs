using Chat.Protocol;

namespace Chat.Specs.Support;

/// <summary>
/// A spec against the real host over real sockets: a fresh host and data directory per test,
/// with the named accounts registered through the protocol.
/// </summary>
public abstract class EndToEndSpec(string? extraConfig = null, params string[] users) : IAsyncLifetime
{
    public const string Password = "password1";

    protected TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(extraConfig: extraConfig);
        await RegisterAsync(Host, users);
    }

    /// <summary>Registers the accounts through the protocol, each with <see cref="Password"/>.</summary>
    public static async Task RegisterAsync(TestHost host, params string[] users)
    {
        if (users.Length == 0)
            return;
        await using var registrar = await host.ConnectAsync();
        await registrar.HelloAsync();
        foreach (var user in users)
            Assert.IsType<Ok>(await registrar.RequestAsync(new Register(user, Password)));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>
    /// Logged in and arrived, as the real client waits for: the lobby's page is there (and left
    /// unclaimed), so the user is a member before the spec goes on, and hears who joins next.
    /// </summary>
    protected async Task<RawClient> LogInAsync(string user)
    {
        var client = await RawClient.LoggedInAsync(Host, user, Password);
        await client.WaitForAsync<HistoryPage>(page => page.Room == RoomNames.Lobby);
        return client;
    }
}
