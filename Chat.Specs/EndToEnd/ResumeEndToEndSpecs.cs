using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>A resume token logs a reconnecting client in without its password: once, until it expires or its holder logs out.</summary>
public sealed class ResumeEndToEndSpecs : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        await using var registrar = await _host.ConnectAsync();
        await registrar.HelloAsync();
        await registrar.RequestAsync(new Register("alice", "password1"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<RawClient> HelloAsync()
    {
        var client = await _host.ConnectAsync();
        await client.HelloAsync();
        return client;
    }

    private async Task<string> LogInAndDropAsync()
    {
        await using var client = await HelloAsync();
        var login = Assert.IsType<Ok>(await client.RequestAsync(new Login("alice", "password1")));
        return Assert.IsType<string>(login.Resume);
    }

    [Fact]
    public async Task A_dropped_connection_comes_back_with_its_token_and_gets_a_fresh_one()
    {
        var token = await LogInAndDropAsync();

        await using var back = await HelloAsync();
        var resumed = Assert.IsType<Ok>(await back.RequestAsync(new Resume(token)));

        Assert.Equal(("alice", "alice"), (resumed.User, resumed.Nick));
        Assert.NotNull(resumed.Resume);
        Assert.NotEqual(token, resumed.Resume);
        await back.ExpectAsync<Joined>(j => j.User == "alice");
        Assert.IsType<Ok>(await back.RequestAsync(new Say("lobby", "back again")));
    }

    [Fact]
    public async Task A_token_works_once()
    {
        var token = await LogInAndDropAsync();
        await using (var first = await HelloAsync())
            Assert.IsType<Ok>(await first.RequestAsync(new Resume(token)));

        await using var second = await HelloAsync();
        await second.ExpectErrorAsync(new Resume(token), ErrorCodes.InvalidToken);
        Assert.IsType<Ok>(await second.RequestAsync(new Login("alice", "password1")));
    }

    [Fact]
    public async Task Logging_out_revokes_the_token()
    {
        string token;
        await using (var client = await HelloAsync())
        {
            token = ((Ok)await client.RequestAsync(new Login("alice", "password1"))).Resume!;
            await client.RequestAsync(new Logout());
        }

        await using var back = await HelloAsync();
        await back.ExpectErrorAsync(new Resume(token), ErrorCodes.InvalidToken);
    }

    [Fact]
    public async Task An_expired_or_made_up_token_is_refused()
    {
        await using var host = await TestHost.StartAsync(extraConfig: "chat.auth.resume-token-lifetime = 300ms");
        await using var client = await host.ConnectAsync();
        await client.HelloAsync();
        await client.RequestAsync(new Register("bob", "password1"));
        var unused = ((Ok)await client.RequestAsync(new Login("bob", "password1"))).Resume!;
        await client.DisposeAsync();
        await using var back = await host.ConnectAsync();
        await back.HelloAsync();

        await back.ExpectErrorAsync(new Resume("made-up"), ErrorCodes.InvalidToken);
        await Task.Delay(400);
        await back.ExpectErrorAsync(new Resume(unused), ErrorCodes.InvalidToken);
    }

    [Fact]
    public async Task After_a_restart_a_token_logs_in_without_paying_the_password_hash()
    {
        var token = await LogInAndDropAsync();
        await _host.StopAsync();

        // A cost no login could finish within the spec's patience: only a resume can.
        await using var costly = await TestHost.StartAsync(_host.DataDirectory, extraConfig: "chat.auth.pbkdf2-iterations = 100000000");
        await using var back = await costly.ConnectAsync();
        await back.HelloAsync();

        Assert.IsType<Ok>(await back.RequestAsync(new Resume(token)));
    }
}
