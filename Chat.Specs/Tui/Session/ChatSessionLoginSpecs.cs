using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

public class ChatSessionLoginSpecs
{
    [Fact]
    public async Task Registering_logs_in_and_shows_who_is_online()
    {
        await using var host = new FakeHost();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = new ChatSession(host.Address, SessionFixture.FastRetry);

        Assert.Null(await alice.RegisterAsync("alice", "correct horse"));

        Assert.Equal(ConnectionStatus.Connected, alice.Status);
        Assert.Equal(new Person("alice", "alice"), alice.Me);
        await Eventually.True(() => alice.People.Select(p => p.User).Order().SequenceEqual(["alice", "bob"]), "alice sees alice and bob");
        Assert.IsType<Hello>(host.Received.First());
    }

    [Fact]
    public async Task A_taken_name_a_short_password_and_wrong_credentials_are_said_in_plain_words()
    {
        await using var host = new FakeHost();
        host.AddAccount("bob", "password1");
        await using var session = new ChatSession(host.Address, SessionFixture.FastRetry);

        Assert.Contains("taken", await session.RegisterAsync("bob", "password2"));
        Assert.Contains("too short", await session.RegisterAsync("carol", "123"));
        Assert.Equal("Wrong username or password.", await session.LogInAsync("bob", "nope"));
        Assert.Equal(ConnectionStatus.Disconnected, session.Status);
        Assert.False(session.IsLoggedIn);

        Assert.Null(await session.LogInAsync("bob", "password1"));
        Assert.True(session.IsLoggedIn);
    }

    [Fact]
    public async Task An_unreachable_host_names_the_address()
    {
        var host = new FakeHost();
        var address = host.Address;
        await host.DisposeAsync();
        await using var session = new ChatSession(address, SessionFixture.FastRetry);

        var error = await session.LogInAsync("alice", "password1");

        Assert.StartsWith($"Server unreachable at {address}", error);
        Assert.Equal(error, session.LoginError);
    }

    [Fact]
    public async Task When_the_host_goes_away_the_session_reconnects_and_logs_in_by_itself()
    {
        await using var host = new FakeHost();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        var statuses = new List<ConnectionStatus>();
        alice.Changed += () =>
        {
            if (statuses.Count == 0 || statuses[^1] != alice.Status)
                statuses.Add(alice.Status);
        };

        host.GoAway();
        await Eventually.True(() => alice.Status == ConnectionStatus.Reconnecting, "reconnecting");
        await Eventually.True(() => alice.ReconnectAttempt >= 2, "retried while the host is away");
        Assert.False(alice.Submit("are you there?"));
        Assert.Contains("Not sent", alice.Current.Lines[^1].Text);

        host.ComeBack();
        await Eventually.True(() => alice.Status == ConnectionStatus.Connected, "connected again");

        Assert.Equal([ConnectionStatus.Reconnecting, ConnectionStatus.Connected], statuses);
        Assert.Equal(2, host.Received.OfType<Login>().Count());
        Assert.Contains(alice.Lobby.Lines, l => l.Text.StartsWith("Reconnected"));
        Assert.True(alice.Submit("are you there?"));
    }

    [Fact]
    public async Task When_the_host_no_longer_takes_the_saved_login_the_session_stops_trying_and_says_so()
    {
        await using var host = new FakeHost();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        host.GoAway();
        await Eventually.True(() => alice.Status == ConnectionStatus.Reconnecting, "reconnecting");
        host.AddAccount("alice", "changed elsewhere");
        host.ComeBack();

        await Eventually.True(() => alice.Status == ConnectionStatus.Disconnected, "gave up");
        Assert.Contains("no longer accepts the saved login", alice.Current.Lines[^1].Text);
    }

    [Fact]
    public async Task Quitting_logs_out_and_does_not_reconnect()
    {
        await using var host = new FakeHost();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        await alice.QuitAsync();

        await Eventually.True(() => alice.Status == ConnectionStatus.Disconnected, "disconnected");
        Assert.Single(host.Received.OfType<Logout>());
        await Task.Delay(100);
        Assert.Equal(ConnectionStatus.Disconnected, alice.Status);
    }
}
