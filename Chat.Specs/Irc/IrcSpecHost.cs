using Chat.Host.Irc;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// A host with its IRC door open and two accounts: "ircuser" (password1) for the IRC client and
/// "bob" (password2) for a chat client. Each is registered over a connection of its own, so
/// under a tight allowance neither spends the other's lines.
/// </summary>
internal static class IrcSpecHost
{
    public static async Task<(TestHost Host, int IrcPort)> StartAsync(string extraConfig = "")
    {
        var ircPort = FreePort.Next();
        var host = await TestHost.StartAsync(extraConfig: $"chat.irc.port = {ircPort}\n{extraConfig}");
        foreach (var (user, password) in new[] { ("ircuser", "password1"), ("bob", "password2") })
        {
            await using var setup = await host.ConnectAsync();
            await setup.HelloAsync();
            Assert.IsType<Ok>(await setup.RequestAsync(new Register(user, password)));
        }
        return (host, ircPort);
    }

    /// <summary>"ircuser" logged in over IRC with echo-message, once it is in #lobby; with every line the gateway sent until then.</summary>
    public static async Task<(IrcTestClient Irc, List<IrcLine> Welcome)> IrcUserWithEchoAsync(int ircPort)
    {
        var irc = await IrcTestClient.ConnectAsync(ircPort);
        await irc.SendAsync("CAP REQ :echo-message", "PASS ircuser:password1", "NICK ircuser", "USER ircuser 0 * :x", "CAP END");
        var welcome = new List<IrcLine>();
        for (var line = await irc.NextAsync(); !(line!.Command == "366" && line.Arg(1) == "#lobby"); line = await irc.NextAsync())
            welcome.Add(line);
        return (irc, welcome);
    }
}
