using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// Back-pressure through the IRC door, as through the chat's (<c>BackPressureEndToEndSpecs</c>):
/// an IRC client pasting far faster than the host commits is not read past its bound of messages
/// in flight, and a chat reader gets every line, in order.
/// </summary>
public sealed class IrcBackPressureEndToEndSpecs
{
    // A bound no other spec uses: the metrics are process-wide, and are told apart by it.
    private const int Bound = 5;
    private const int Lines = 2000;

    [Fact]
    public async Task An_irc_sender_of_two_thousand_lines_is_read_no_further_than_its_bound_and_a_chat_reader_gets_every_line_in_order()
    {
        using var inbound = new InboundMeasurements(Bound);
        var ircPort = FreePort.Next();
        await using var host = await TestHost.StartAsync(extraConfig: $"chat.irc.port = {ircPort}\nchat.session.in-flight-chat-lines = {Bound}");
        await using (var registrar = await host.ConnectAsync())
        {
            await registrar.HelloAsync();
            Assert.IsType<Ok>(await registrar.RequestAsync(new Register("ircuser", "password1")));
            Assert.IsType<Ok>(await registrar.RequestAsync(new Register("bob", "password2")));
        }
        // Bob is in the lobby (he has its page) before the IRC user enters it (the end of its names).
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password2");
        await using var irc = await IrcTestClient.LoggedInAsync(ircPort, "ircuser", "password1");
        await irc.ExpectAsync(line => line.Command == "366" && line.Arg(1) == "#lobby");

        var sending = irc.SendAsync(string.Join("\r\n", Enumerable.Range(0, Lines).Select(i => $"PRIVMSG #lobby :line {i}")));
        for (var i = 0; i < Lines; i++)
            Assert.Equal($"line {i}", (await bob.ExpectAsync<ChatMessage>(m => m.User == "ircuser")).Text);
        await sending;

        // The host held at most the bound of the sender's lines at once (the IRC door reports its
        // lines in flight as the chat door does), reached it, and then stopped reading it.
        Assert.Equal(Bound, inbound.MostInFlight);
        Assert.True(inbound.ReadPauses > 0);
        await irc.SendAsync("PING still-here");
        Assert.Equal("still-here", (await irc.ExpectAsync(line => line.Command == "PONG")).Arg(1));
    }
}
