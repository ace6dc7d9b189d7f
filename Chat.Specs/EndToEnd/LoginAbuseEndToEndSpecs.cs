using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Password guessing gets slower with every failure, per username and per address, without telling which usernames exist.</summary>
public sealed class LoginAbuseEndToEndSpecs
{
    private const string Throttled = """
        chat.auth.failed-logins { free = 2, first-delay = 5s, max-delay = 60s }
        chat.connections.count-loopback-per-address = on
        """;

    private static async Task<TestHost> StartAsync(string config)
    {
        var host = await TestHost.StartAsync(extraConfig: config);
        await using var registrar = await host.ConnectAsync();
        await registrar.HelloAsync();
        await registrar.RequestAsync(new Register("alice", "password1"));
        return host;
    }

    private static async Task<List<(string Code, string Message, bool HasRetry)>> GuessAsync(RawClient client, string user, int attempts)
    {
        var replies = new List<(string, string, bool)>();
        for (var i = 0; i < attempts; i++)
        {
            var error = Assert.IsType<ErrorReply>(await client.RequestAsync(new Login(user, "wrong-password")));
            replies.Add((error.Code, error.Message, error.RetryAfterMs > 0));
        }
        return replies;
    }

    [Fact]
    public async Task Guessing_a_password_is_throttled_the_same_way_for_a_real_and_an_unknown_username()
    {
        await using var host = await StartAsync("""
            chat.auth.failed-logins { free = 2, first-delay = 5s, max-delay = 60s }
            """);
        await using var client = await host.ConnectAsync();
        await client.HelloAsync();

        var real = await GuessAsync(client, "alice", 4);
        var unknown = await GuessAsync(client, "nobody", 4);

        Assert.Equal(real, unknown);
        Assert.Equal(
            [ErrorCodes.BadCredentials, ErrorCodes.BadCredentials, ErrorCodes.BadCredentials, ErrorCodes.RateLimited],
            real.Select(r => r.Code));
        Assert.True(real[3].HasRetry);
        // Even the right password waits: otherwise the throttle would not slow guessing down.
        await client.ExpectErrorAsync(new Login("alice", "password1"), ErrorCodes.RateLimited);
    }

    [Fact]
    public async Task Failures_across_many_usernames_throttle_the_address()
    {
        await using var host = await StartAsync(Throttled);
        await using var client = await host.ConnectAsync();
        await client.HelloAsync();

        foreach (var user in new[] { "carol", "dave", "erin" })
            await client.ExpectErrorAsync(new Login(user, "wrong-password"), ErrorCodes.BadCredentials);

        await client.ExpectErrorAsync(new Login("frank", "wrong-password"), ErrorCodes.RateLimited);
    }

    [Fact]
    public async Task Registration_is_rate_limited_per_address()
    {
        await using var host = await TestHost.StartAsync(extraConfig: """
            chat.auth.registrations-per-address { burst = 2, per-hour = 1 }
            chat.connections.count-loopback-per-address = on
            """);
        await using var client = await host.ConnectAsync();
        await client.HelloAsync();

        Assert.IsType<Ok>(await client.RequestAsync(new Register("user1", "password1")));
        Assert.IsType<Ok>(await client.RequestAsync(new Register("user2", "password1")));
        var limited = await client.ExpectErrorAsync(new Register("user3", "password1"), ErrorCodes.RateLimited);

        Assert.InRange(limited.RetryAfterMs!.Value, 1, 3_600_000 + 100);
    }

    [Fact]
    public async Task On_a_shared_box_loopback_is_not_throttled_as_one_address()
    {
        await using var host = await StartAsync("chat.auth.failed-logins { free = 2, first-delay = 5s }");
        await using var client = await host.ConnectAsync();
        await client.HelloAsync();

        foreach (var user in new[] { "carol", "dave", "erin", "frank" })
            await client.ExpectErrorAsync(new Login(user, "wrong-password"), ErrorCodes.BadCredentials);

        Assert.IsType<Ok>(await client.RequestAsync(new Login("alice", "password1")));
    }

    [Fact]
    public async Task Passwords_and_resume_tokens_appear_in_no_log_no_error_and_not_in_the_database()
    {
        const string secret = "Sekr1t-Passw0rd-7731";
        var log = new CapturedLog();
        await using var host = await TestHost.StartAsync(
            extraConfig: """
                akka.loglevel = DEBUG
                akka.actor.debug { receive = on, unhandled = on, lifecycle = on }
                """,
            logging: log.AttachTo);
        var said = new List<string>();
        Ok login;
        await using (var client = await host.ConnectAsync())
        {
            await client.HelloAsync();
            await client.RequestAsync(new Register("alice", secret));
            await client.RequestAsync(new Register("bob", secret));
            said.Add((await client.ExpectErrorAsync(new Register("bob", secret), ErrorCodes.NameTaken)).Message);
            said.Add((await client.ExpectErrorAsync(new Login("alice", secret + "x"), ErrorCodes.BadCredentials)).Message);
            said.Add((await client.ExpectErrorAsync(new Login("nobody", secret), ErrorCodes.BadCredentials)).Message);
            await client.SendLineAsync($$$"""{"type":"login","user":"alice","password":"{{{secret}}}","id":{"x":1}}""");
            said.Add((await client.ExpectAsync<ErrorReply>()).Message);
            await client.SendLineAsync($$"""{"type":"login","user":"alice","password":"{{secret}}" """);
            said.Add((await client.ExpectAsync<ErrorReply>()).Message);
            login = Assert.IsType<Ok>(await client.RequestAsync(new Login("alice", secret)));
            said.Add((await client.ExpectErrorAsync(new Login("alice", secret), ErrorCodes.AlreadyLoggedIn)).Message);
        }
        await using (var reconnected = await host.ConnectAsync())
        {
            await reconnected.HelloAsync();
            var resumed = Assert.IsType<Ok>(await reconnected.RequestAsync(new Resume(login.Resume!)));
            said.Add((await reconnected.ExpectErrorAsync(new Resume(login.Resume!), ErrorCodes.AlreadyLoggedIn)).Message);
            await reconnected.RequestAsync(new Logout());
            said.Add((await reconnected.ExpectErrorAsync(new Resume(login.Resume!), ErrorCodes.InvalidToken)).Message);
            said.Add(resumed.Resume!);
            said.Add(login.Resume!);
        }
        await host.StopAsync();

        var tokens = said.TakeLast(2).ToArray();
        Assert.All(said.SkipLast(2), message => Assert.DoesNotContain(secret, message));
        foreach (var needle in tokens.Prepend(secret))
        {
            Assert.DoesNotContain(log.Lines, line => line.Contains(needle, StringComparison.Ordinal));
            foreach (var file in Directory.GetFiles(host.DataDirectory))
                Assert.DoesNotContain(needle, File.ReadAllText(file, System.Text.Encoding.Latin1));
        }
        Assert.Contains(log.Lines, line => line.Contains("alice logged in", StringComparison.Ordinal));
    }
}
