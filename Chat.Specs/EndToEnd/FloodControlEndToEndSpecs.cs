using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Flood control lets a paste through, slows a fast sender with retry-after, and cuts off one that will not stop.</summary>
public sealed class FloodControlEndToEndSpecs : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 1, strikes-before-disconnect = 20 }");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<TestHost> StartHostAsync(string floodConfig)
    {
        var host = await TestHost.StartAsync(extraConfig: floodConfig);
        await using var registrar = await host.ConnectAsync();
        await registrar.HelloAsync();
        await registrar.RequestAsync(new Register("alice", "password1"));
        await registrar.RequestAsync(new Register("bob", "password1"));
        return host;
    }

    [Fact]
    public async Task A_ten_line_paste_goes_through_and_the_line_after_it_gets_rate_limited_with_a_retry_after()
    {
        // hello and login are two lines of the burst; eight say lines make the ten.
        await using var alice = await RawClient.LoggedInAsync(_host, "alice", "password1");
        var paste = new List<RequestId>();
        for (var i = 0; i < 9; i++)
            paste.Add(await alice.SendAsync(new Say("lobby", $"line {i}")));

        for (var i = 0; i < 8; i++)
            Assert.IsType<Ok>(await alice.ExpectReplyAsync(paste[i]));
        var limited = Assert.IsType<ErrorReply>(await alice.ExpectReplyAsync(paste[8]));
        Assert.Equal(ErrorCodes.RateLimited, limited.Code);
        Assert.InRange(limited.RetryAfterMs!.Value, 1, 1100);

        await Task.Delay(TimeSpan.FromMilliseconds(limited.RetryAfterMs.Value));
        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "line 8, again")));
    }

    [Fact]
    public async Task A_sender_that_keeps_flooding_is_told_why_and_disconnected_and_nobody_else_notices()
    {
        await using var alice = await RawClient.LoggedInAsync(_host, "alice", "password1");
        await using var bob = await RawClient.LoggedInAsync(_host, "bob", "password1");
        await alice.ExpectAsync<Joined>(j => j.User == "bob");

        for (var i = 0; i < 60; i++)
            await bob.SendLineAsync("""{"type":"say","room":"lobby","text":"spam"}""");

        var bye = await bob.ExpectAsync<Bye>();
        Assert.Equal(ErrorCodes.Flooding, bye.Code);
        Assert.True(await bob.ClosedByHostAsync());
        await alice.ExpectAsync<Left>(l => l.User == "bob");
        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "quiet again")));
    }

    [Fact]
    public async Task A_second_terminal_does_not_buy_a_user_more_lines()
    {
        // Practically no refill while the spec runs: on a loaded machine its eleven requests can
        // take over a second, and at the class's 1 line/s the user's bucket would refill one.
        await using var host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 0.001, strikes-before-disconnect = 20 }");
        // The login lines count against each connection, not yet against the user.
        await using var first = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var second = await RawClient.LoggedInAsync(host, "alice", "password1");
        for (var i = 0; i < 5; i++)
        {
            Assert.IsType<Ok>(await first.RequestAsync(new Say("lobby", $"first {i}")));
            Assert.IsType<Ok>(await second.RequestAsync(new Say("lobby", $"second {i}")));
        }

        // Each connection has sent 7 lines of its 10, but the user has spent all 10.
        var limited = await second.ExpectErrorAsync(new Say("lobby", "one more"), ErrorCodes.RateLimited);
        Assert.Contains("account", limited.Message);
        Assert.True(limited.RetryAfterMs > 0);
    }

    [Fact]
    public async Task A_user_who_keeps_flooding_from_two_terminals_loses_the_one_that_went_on()
    {
        // Practically no refill while the spec runs, so the counts are exact.
        await using var host = await StartHostAsync("chat.session.flood { burst = 10, lines-per-second = 0.001, strikes-before-disconnect = 2 }");
        await using var quiet = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var pushy = await RawClient.LoggedInAsync(host, "alice", "password1");
        for (var i = 0; i < 7; i++)
            Assert.IsType<Ok>(await quiet.RequestAsync(new Say("lobby", $"quiet {i}")));
        for (var i = 0; i < 3; i++)
            Assert.IsType<Ok>(await pushy.RequestAsync(new Say("lobby", $"pushy {i}")));

        // Each connection is well within its own ten lines; the account has spent its ten.
        for (var strike = 0; strike < 2; strike++)
            Assert.Contains("account", (await pushy.ExpectErrorAsync(new Say("lobby", "more"), ErrorCodes.RateLimited)).Message);
        await pushy.SendAsync(new Say("lobby", "and more"));

        var bye = await pushy.ExpectAsync<Bye>();
        Assert.Equal((ErrorCodes.Flooding, true), (bye.Code, bye.Message.Contains("account")));
        Assert.True(await pushy.ClosedByHostAsync());
        // The other terminal stays; a ping is no request of the account's.
        Assert.IsType<Pong>(await quiet.RequestAsync(new Ping()));
    }

    [Fact]
    public async Task Text_and_line_limits_hold_at_their_defaults()
    {
        await using var alice = await RawClient.LoggedInAsync(_host, "alice", "password1");

        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", new string('a', 4000))));
        var tooLong = await alice.ExpectErrorAsync(new Say("lobby", new string('a', 4001)), ErrorCodes.BadText);
        Assert.Contains("4000", tooLong.Message);

        await alice.SendLineAsync("{\"type\":\"ping\",\"pad\":\"" + new string('x', 16 * 1024) + "\"}");
        Assert.Equal(ErrorCodes.FrameTooLong, (await alice.ExpectAsync<ErrorReply>()).Code);
        Assert.IsType<Pong>(await alice.RequestAsync(new Ping()));
    }
}
