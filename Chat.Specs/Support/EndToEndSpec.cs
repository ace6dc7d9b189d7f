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
        if (users.Length == 0)
            return;
        await using var registrar = await Host.ConnectAsync();
        await registrar.HelloAsync();
        foreach (var user in users)
            Assert.IsType<Ok>(await registrar.RequestAsync(new Register(user, Password)));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected Task<RawClient> LogInAsync(string user) => RawClient.LoggedInAsync(Host, user, Password);
}
