using System.Text;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// An IRC connection is paced like a chat-protocol one (fakelag, <c>chat.session.flood</c>): a
/// paste is held and delivered whole, in order, later; only a client that goes on flooding past
/// the held lines is closed.
/// </summary>
public sealed class IrcFakelagSpecs
{
    private static async Task<(TestHost Host, int IrcPort)> StartAsync(string flood)
    {
        var ircPort = FreePort.Next();
        var host = await TestHost.StartAsync(extraConfig: $"chat.irc.port = {ircPort}\n{flood}");
        // A connection each: under the tightest allowance below, a connection has few lines to spend.
        foreach (var (user, password) in new[] { ("ircuser", "password1"), ("bob", "password2") })
        {
            await using var setup = await host.ConnectAsync();
            await setup.HelloAsync();
            Assert.IsType<Ok>(await setup.RequestAsync(new Register(user, password)));
        }
        return (host, ircPort);
    }

    [Fact]
    public async Task Thirty_pasted_lines_all_arrive_in_order_and_a_ping_behind_them_is_answered_first()
    {
        // Five a second: the twenty held lines take four seconds to go on, so the PONG, answered as
        // the PING is read, is ahead of the last of them however slow a loaded machine makes it.
        var (host, ircPort) = await StartAsync("chat.session.flood { burst = 10, lines-per-second = 5, max-held-lines = 40 }");
        await using var _ = host;
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password2");
        await using var irc = await IrcTestClient.ConnectAsync(ircPort);
        await irc.SendAsync("CAP REQ :echo-message", "PASS ircuser:password1", "NICK ircuser", "USER ircuser 0 * :x", "CAP END");
        await irc.ExpectAsync(line => line.Command == "366");

        // One write, as a terminal pastes: thirty lines, then a PING.
        var paste = new StringBuilder();
        for (var i = 1; i <= 30; i++)
            paste.Append("PRIVMSG #lobby :pasted ").Append(i).Append("\r\n");
        await irc.SendAsync(paste.Append("PING :behind-the-paste").ToString());

        // Twenty lines were held behind the burst: the PING overtook them.
        var echoes = new List<string>();
        for (var line = await irc.NextAsync(); line!.Command != "PONG"; line = await irc.NextAsync())
            if (line.Command == "PRIVMSG")
                echoes.Add(line.Arg(1));
        Assert.DoesNotContain("pasted 30", echoes);
        while (echoes.Count < 30)
            echoes.Add((await irc.ExpectAsync(line => line.Command == "PRIVMSG")).Arg(1));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"pasted {i}"), echoes);

        var heard = new List<string>();
        while (heard.Count < 30)
            heard.Add((await bob.ExpectAsync<ChatMessage>(m => m.User == "ircuser")).Text);
        Assert.Equal(echoes, heard);
        await irc.SendAsync("PING :still-connected");
        Assert.Equal("still-connected", (await irc.ExpectAsync(line => line.Command == "PONG")).Arg(1));
    }

    [Fact]
    public async Task A_client_that_goes_on_flooding_past_the_held_lines_is_closed_with_excess_flood()
    {
        var (host, ircPort) = await StartAsync(
            "chat.session.flood { burst = 4, lines-per-second = 0.001, max-held-lines = 2, close-after-ignoring-hints-for = 100ms }");
        await using var _ = host;
        await using var irc = await IrcTestClient.LoggedInAsync(ircPort, "ircuser", "password1");
        await irc.ExpectAsync(line => line.Command == "366");

        try
        {
            for (var i = 0; i < 500; i++)
            {
                await irc.SendAsync("PRIVMSG #lobby :spam");
                await Task.Delay(20);
            }
        }
        catch (IOException)
        {
            // Closed while still sending.
        }
        Assert.Contains("Too many lines", (await irc.ExpectAsync(line => line.Command == "NOTICE")).Arg(1));
        Assert.Equal("Closing link: Excess Flood", (await irc.ExpectAsync(line => line.Command == "ERROR")).Arg(0));
    }
}
