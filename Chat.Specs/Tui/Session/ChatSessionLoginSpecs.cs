using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

public class ChatSessionLoginSpecs
{
    [Fact]
    public async Task Registering_logs_in_and_shows_who_is_online()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = new ChatSession(host.Address, SessionFixture.FastRetry);

        Assert.Null(await alice.RegisterAsync("alice", "correct horse"));

        Gated.Run(() =>
        {
            Assert.Equal(ConnectionStatus.Connected, alice.Status);
            Assert.Equal(new Person("alice", "alice"), alice.Me);
            Assert.Equal(["alice", "bob"], alice.People.Select(p => p.User).Order());
        });
        Assert.IsType<Hello>(host.Links[^1].FromClient.First());
    }

    [Fact]
    public async Task A_taken_name_a_short_password_and_wrong_credentials_are_said_in_plain_words()
    {
        await using var host = await LiveHost.StartAsync();
        await host.RegisterAsync("bob", "password1");
        await using var session = new ChatSession(host.Address, SessionFixture.FastRetry);

        Assert.Contains("taken", await session.RegisterAsync("bob", "password2"));
        Assert.Contains("too short", await session.RegisterAsync("carol", "123"));
        Assert.Equal("Wrong username or password.", await session.LogInAsync("bob", "nope"));
        Assert.Equal(ConnectionStatus.Disconnected, Gated.Read(() => session.Status));
        Assert.False(Gated.Read(() => session.IsLoggedIn));

        Assert.Null(await session.LogInAsync("bob", "password1"));
        Assert.True(Gated.Read(() => session.IsLoggedIn));
    }

    [Fact]
    public async Task An_unreachable_host_names_the_address()
    {
        var address = new ServerAddress("127.0.0.1", LiveHost.FreePort());
        await using var session = new ChatSession(address, SessionFixture.FastRetry);

        var error = await session.LogInAsync("alice", "password1");

        Assert.StartsWith($"Server unreachable at {address}", error);
        Assert.Equal(error, Gated.Read(() => session.LoginError));
    }

    [Fact]
    public async Task When_the_host_goes_away_the_session_reconnects_and_logs_in_by_itself()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        var statuses = new List<ConnectionStatus> { Gated.Read(() => alice.Status) };
        alice.Changed += () =>
        {
            if (statuses.Count == 0 || statuses[^1] != alice.Status)
                statuses.Add(alice.Status);
        };

        await host.StopAsync();
        await Eventually.True(() => alice.Status == ConnectionStatus.Reconnecting, "reconnecting");
        await Eventually.True(() => alice.ReconnectAttempt >= 2, "retried while the host is away");
        Gated.Run(() =>
        {
            Assert.False(alice.Submit("are you there?"));
            Assert.Contains("Not sent", alice.Current.Lines[^1].Text);
        });

        await host.StartAgainAsync();
        await Eventually.True(() => alice.Status == ConnectionStatus.Connected, "connected again");

        Gated.Run(() =>
        {
            Assert.Equal([ConnectionStatus.Connected, ConnectionStatus.Reconnecting, ConnectionStatus.Connected], statuses);
            Assert.Contains(alice.Lobby.Lines, l => l.Text.StartsWith("Reconnected"));
        });
        // The second login is the one-use resume token of the first.
        Assert.Equal([typeof(Login), typeof(Resume)], host.Received.Where(f => f is Login or Resume).Select(f => f.GetType()));
        Assert.True(alice.Enter("are you there?"));
    }

    [Fact]
    public async Task When_the_host_no_longer_takes_the_saved_login_the_session_stops_trying_and_says_so()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        await host.ReplaceWithEmptyHostAsync();

        await Eventually.True(() => alice.Status == ConnectionStatus.Disconnected, "gave up");
        Assert.Contains("no longer accepts the saved login", Gated.Read(() => alice.Current.Lines[^1].Text));
    }

    [Fact]
    public async Task Quitting_logs_out_and_does_not_reconnect()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        await alice.QuitAsync();

        // Disconnected is set where the closed link is handled, and that is also where a
        // reconnect would have begun (its first attempt counted at once): the path ran, and chose not to.
        await Eventually.True(() => alice.Status == ConnectionStatus.Disconnected, "the closed link was handled");
        Gated.Run(() =>
        {
            Assert.Equal(0, alice.ReconnectAttempt);
            Assert.DoesNotContain(alice.Lobby.Lines, l => l.Text.StartsWith("Lost the connection", StringComparison.Ordinal));
        });
        Assert.Single(host.Received.OfType<Logout>());
    }
}
