using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// The gateway's guest mode (chat.irc.guests = on), over real sockets: a client with a nick and
/// no credentials joins and speaks under a guest account of its own, which a chat client sees as
/// anyone else; a nick in use, or a registered account's, is 433.
/// </summary>
public sealed class IrcGuestSpecs : IAsyncLifetime
{
    private readonly int _ircPort = FreePort.Next();
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(extraConfig: $"chat.irc {{ port = {_ircPort}, guests = on }}");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<IrcTestClient> GuestAsync(string nick)
    {
        var client = await IrcTestClient.ConnectAsync(_ircPort);
        await client.SendAsync($"NICK {nick}", $"USER {nick} 0 * :{nick}");
        Assert.Equal(nick, (await client.ExpectAsync(line => line.Command == "001")).Arg(0));
        return client;
    }

    [Fact]
    public async Task A_guest_joins_a_room_and_speaks_and_a_chat_client_hears_it_under_the_nick()
    {
        await using (var setup = await _host.ConnectAsync())
        {
            await setup.HelloAsync();
            Assert.IsType<Ok>(await setup.RequestAsync(new Register("bob", "password2")));
        }
        await using var bob = await RawClient.LoggedInAsync(_host, "bob", "password2");
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("dev")));

        await using var guest = await GuestAsync("Visitor");
        await guest.SendAsync("JOIN #dev");
        var joined = await guest.ExpectAsync(line => line.Command == "JOIN" && line.Arg(0) == "#dev");
        Assert.StartsWith("Visitor!guest-", joined.Source);
        Assert.Contains("Visitor", (await guest.ExpectAsync(line => line.Command == "353" && line.Arg(2) == "#dev")).Arg(3).Split(' '));

        await guest.SendAsync("PRIVMSG #dev :hello as a guest");
        var heard = await bob.ExpectAsync<ChatMessage>(m => m.Room == "dev");
        Assert.Equal(("Visitor", "hello as a guest"), (heard.Nick, heard.Text));
        Assert.StartsWith("guest-", heard.User);
    }

    [Fact]
    public async Task A_nick_in_use_or_held_by_a_registered_account_is_433_and_another_nick_gets_in()
    {
        await using (var setup = await _host.ConnectAsync())
        {
            await setup.HelloAsync();
            Assert.IsType<Ok>(await setup.RequestAsync(new Register("bob", "password2")));
        }
        await using var first = await GuestAsync("sam");

        await using var second = await IrcTestClient.ConnectAsync(_ircPort);
        await second.SendAsync("NICK sam", "USER sam 0 * :sam");
        Assert.Equal("sam", (await second.ExpectAsync(line => line.Command == "433")).Arg(1));
        await second.SendAsync("NICK bob");
        Assert.Equal("bob", (await second.ExpectAsync(line => line.Command == "433")).Arg(1));
        await second.SendAsync("NICK sam2");
        Assert.Equal("sam2", (await second.ExpectAsync(line => line.Command == "001")).Arg(0));
    }
}
