using System.Text;
using Chat.Host.Irc;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// A PRIVMSG or NOTICE may name up to four targets (TARGMAX), each once: one line in flight is then
/// at most four chat requests, which the account's gate holds in full while a paste is paced.
/// </summary>
public sealed class IrcMessageTargetsSpecs
{
    // Logged in with echo-message, in #lobby, #aa, #bb and #cc; returns the ISUPPORT tokens it was sent.
    private static async Task<(IrcTestClient Irc, List<string> Isupport)> JoinedAsync(int ircPort)
    {
        var (irc, welcome) = await IrcSpecHost.IrcUserWithEchoAsync(ircPort);
        await irc.SendAsync("JOIN #aa,#bb,#cc");
        await irc.ExpectAsync(line => line.Command == "366" && line.Arg(1) == "#cc");
        return (irc, welcome.Where(line => line.Command == "005").SelectMany(line => line.Params).ToList());
    }

    // What the IRC client is sent until the PONG to a PING sent after everything else: the PONG
    // comes once every request before it was answered.
    private static async Task<List<IrcLine>> UntilPongAsync(IrcTestClient irc, string token)
    {
        await irc.SendAsync($"PING :{token}");
        var lines = new List<IrcLine>();
        for (var line = await irc.NextAsync(); !(line!.Command == "PONG" && line.Arg(1) == token); line = await irc.NextAsync())
            lines.Add(line);
        return lines;
    }

    [Fact]
    public async Task A_message_to_more_targets_than_targmax_reaches_the_first_four_once_each_and_407_names_the_rest()
    {
        var (host, ircPort) = await IrcSpecHost.StartAsync();
        await using var _ = host;
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password2");
        var (irc, isupport) = await JoinedAsync(ircPort);
        await using var __ = irc;
        Assert.Contains("TARGMAX=PRIVMSG:4,NOTICE:4,JOIN:,PART:,KICK:,NAMES:", isupport);

        await irc.SendAsync("PRIVMSG #aa,#bb,#AA,#lobby,bob,#cc :hello all");
        var lines = await UntilPongAsync(irc, "after");

        // #AA is #aa again; #cc is the fifth target.
        // Each target's answer comes when its request is done, a DM sooner than a room's commit.
        Assert.Equal(["#aa", "#bb", "#lobby", "bob"], lines.Where(line => line.Command == "PRIVMSG").Select(line => line.Arg(0)).Order());
        Assert.Equal(["#cc"], lines.Where(line => line.Command == "407").Select(line => line.Arg(1)));
        Assert.Equal("hello all", (await bob.ExpectAsync<ChatMessage>(m => m.User == "ircuser" && m.Room == "lobby")).Text);
        Assert.Equal("hello all", (await bob.ExpectAsync<DirectMessage>(m => m.From == "ircuser")).Text);
    }

    [Fact]
    public async Task A_paste_of_messages_to_four_channels_each_goes_out_whole_and_in_order_with_nothing_refused()
    {
        // Two lines in flight, each four requests, against an account allowance of four at once:
        // the account's gate holds up to two lines' worth while the paste is paced.
        var (host, ircPort) = await IrcSpecHost.StartAsync(
            "chat.session.in-flight-chat-lines = 2\nchat.session.flood { burst = 2, lines-per-second = 20, max-held-lines = 20 }");
        await using var _ = host;
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password2");
        var (irc, _) = await JoinedAsync(ircPort);
        await using var __ = irc;

        var paste = new StringBuilder();
        for (var i = 1; i <= 10; i++)
            paste.Append("PRIVMSG #lobby,#aa,#bb,#cc :pasted ").Append(i).Append("\r\n");
        await irc.SendAsync(paste.ToString().TrimEnd());

        // A request the account's gate refused would come back as a 404 (or a NOTICE) instead of its echo.
        var echoes = new List<IrcLine>();
        while (echoes.Count < 40)
        {
            var line = await irc.ExpectAsync(line => line.Command is "PRIVMSG" or "NOTICE" or "404");
            Assert.Equal("PRIVMSG", line.Command);
            echoes.Add(line);
        }
        foreach (var channel in new[] { "#lobby", "#aa", "#bb", "#cc" })
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"pasted {i}"), echoes.Where(line => line.Arg(0) == channel).Select(line => line.Arg(1)));
        var heard = new List<string>();
        while (heard.Count < 10)
            heard.Add((await bob.ExpectAsync<ChatMessage>(m => m.User == "ircuser")).Text);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"pasted {i}"), heard);
    }
}
