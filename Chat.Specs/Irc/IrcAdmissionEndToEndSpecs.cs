using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// The IRC door admits connections as the chat door does (<c>ConnectionAdmission</c>): under the
/// same caps, counted together, a refusal said in the door's own words and logged the same way.
/// </summary>
public sealed class IrcAdmissionEndToEndSpecs
{
    [Fact]
    public async Task Past_the_cap_an_irc_connection_gets_an_error_line_and_the_refusal_is_logged_as_the_chat_doors_is()
    {
        var log = new CapturedLog();
        var ircPort = FreePort.Next();
        await using var host = await TestHost.StartAsync(
            extraConfig: $"chat.irc.port = {ircPort}\nchat.connections.max-total = 2", logging: log.AttachTo);
        await using var chat = await host.ConnectAsync();
        await chat.HelloAsync();
        await using var irc = await IrcTestClient.ConnectAsync(ircPort);
        // Answered, so admitted: the two places are taken, one by each door.
        await irc.SendAsync("PING admitted");
        Assert.Equal("admitted", (await irc.ExpectAsync(line => line.Command == "PONG")).Arg(1));

        await using var refusedIrc = await IrcTestClient.ConnectAsync(ircPort);
        var error = await refusedIrc.ExpectAsync(line => line.Command == "ERROR");
        Assert.Contains("as many connections as it takes", error.Arg(0));
        Assert.Null(await refusedIrc.NextAsync());
        await using var refusedChat = await host.ConnectAsync();
        Assert.Equal(ErrorCodes.TooManyConnections, (await refusedChat.ExpectAsync<Bye>()).Code);

        // Each door logs its refusal (before writing it) under its own name, so an operator sees both.
        Assert.Contains(log.Lines, line => line.StartsWith("Warning Chat.Host.Irc.IrcConnectionHandler: Refused connection", StringComparison.Ordinal));
        Assert.Contains(log.Lines, line => line.StartsWith("Warning Chat.Host.Transport.ChatConnectionHandler: Refused connection", StringComparison.Ordinal));
    }
}
