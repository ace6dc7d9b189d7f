using System.Text;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// An IRC connection is paced like a chat-protocol one (fakelag, <c>chat.session.flood</c>): a
/// paste is held and delivered whole, in order, later; a client that goes on flooding past the
/// held lines is not read until one goes on, and loses nothing.
/// </summary>
public sealed class IrcFakelagSpecs
{
    [Fact]
    public async Task Thirty_pasted_lines_all_arrive_in_order_and_a_ping_behind_them_is_answered_first()
    {
        // Five a second: the twenty held lines take four seconds to go on, so the PONG, answered as
        // the PING is read, is ahead of the last of them however slow a loaded machine makes it.
        var (host, ircPort) = await IrcSpecHost.StartAsync("chat.session.flood { burst = 10, lines-per-second = 5, max-held-lines = 40 }");
        await using var _ = host;
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password2");
        var (irc, _) = await IrcSpecHost.IrcUserWithEchoAsync(ircPort);
        await using var __ = irc;

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
    public async Task A_client_that_goes_on_flooding_past_the_held_lines_is_slowed_not_dropped_and_others_are_served()
    {
        // Two lines held at most: past them the gateway stops reading the socket until one goes on,
        // so TCP holds the rest in the client's own buffers. Nothing is dropped, nobody is closed.
        var (host, ircPort) = await IrcSpecHost.StartAsync("chat.session.flood { burst = 4, lines-per-second = 20, max-held-lines = 2 }");
        await using var _ = host;
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password2");
        var (irc, _) = await IrcSpecHost.IrcUserWithEchoAsync(ircPort);
        await using var __ = irc;

        var flood = new StringBuilder();
        for (var i = 1; i <= 40; i++)
            flood.Append("PRIVMSG #lobby :flood ").Append(i).Append("\r\n");
        await irc.SendAsync(flood.Append("PING :behind-the-flood").ToString());

        // A dropped line would come back as a NOTICE, a close as an ERROR, instead of its echo. The
        // PING, a command, overtakes the held messages once it is read.
        var echoes = new List<string>();
        var ponged = false;
        while (echoes.Count < 40 || !ponged)
        {
            var line = await irc.ExpectAsync(line => line.Command is "PRIVMSG" or "NOTICE" or "ERROR" or "PONG");
            Assert.NotEqual("NOTICE", line.Command);
            Assert.NotEqual("ERROR", line.Command);
            if (line.Command == "PONG")
                ponged = line.Arg(1) == "behind-the-flood";
            else
                echoes.Add(line.Arg(1));
        }
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"flood {i}"), echoes);

        // Another user was served all along, and heard every line.
        Assert.IsType<Pong>(await bob.RequestAsync(new Ping()));
        var heard = new List<string>();
        while (heard.Count < 40)
            heard.Add((await bob.ExpectAsync<ChatMessage>(m => m.User == "ircuser")).Text);
        Assert.Equal(echoes, heard);
    }
}
