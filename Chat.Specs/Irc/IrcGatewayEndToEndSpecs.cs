using System.Text;
using Chat.Host.Irc;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// The IRC gateway of a real host, over real sockets: an IRC client and a chat-protocol client
/// in the same room and in one another's DMs, each seeing the other as its own protocol shows people.
/// </summary>
public sealed class IrcGatewayEndToEndSpecs : IAsyncLifetime
{
    private readonly int _ircPort = FreePort.Next();
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(extraConfig: $"chat.irc.port = {_ircPort}");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task RegisterAsync(string user, string password)
    {
        await using var client = await _host.ConnectAsync();
        await client.HelloAsync();
        Assert.IsType<Ok>(await client.RequestAsync(new Register(user, password)));
    }

    [Fact]
    public async Task An_irc_user_and_a_chat_user_talk_in_the_lobby_and_see_each_other_come_and_go()
    {
        await RegisterAsync("ircuser", "password1");
        await RegisterAsync("bob", "password2");
        await using var irc = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", "password1");
        // Logging in enters the lobby: the gateway says so as IRC does, with the names.
        var join = await irc.ExpectAsync(line => line.Command == "JOIN");
        Assert.Equal(("#lobby", "ircuser!ircuser@chat"), (join.Arg(0), join.Source));
        var names = await irc.ExpectAsync(line => line.Command == "353");
        Assert.Contains("ircuser", names.Arg(3).Split(' '));
        await irc.ExpectAsync(line => line.Command == "366");

        await using var bob = await RawClient.LoggedInAsync(_host, "bob", "password2");
        var bobJoined = await irc.ExpectAsync(line => line.Command == "JOIN");
        Assert.Equal(("#lobby", "bob!bob@chat"), (bobJoined.Arg(0), bobJoined.Source));

        await irc.SendAsync("PRIVMSG #lobby :hello from irssi");
        var fromIrc = await bob.ExpectAsync<ChatMessage>();
        Assert.Equal(("lobby", "ircuser", "hello from irssi"), (fromIrc.Room, fromIrc.User, fromIrc.Text));

        Assert.IsType<Ok>(await bob.RequestAsync(new Say("lobby", "hello from the chat")));
        var fromBob = await irc.ExpectAsync(line => line.Command == "PRIVMSG");
        Assert.Equal(("bob!bob@chat", "#lobby", "hello from the chat"), (fromBob.Source, fromBob.Arg(0), fromBob.Arg(1)));

        await bob.DisposeAsync();
        var part = await irc.ExpectAsync(line => line.Command == "PART");
        Assert.Equal(("bob!bob@chat", "#lobby"), (part.Source, part.Arg(0)));
    }

    [Fact]
    public async Task Direct_messages_cross_between_irc_and_the_chat_client_both_ways()
    {
        await RegisterAsync("ircuser", "password1");
        await RegisterAsync("bob", "password2");
        await using var irc = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", "password1");
        await using var bob = await RawClient.LoggedInAsync(_host, "bob", "password2");

        await irc.SendAsync("PRIVMSG bob :psst, bob");
        var toBob = await bob.ExpectAsync<DirectMessage>();
        Assert.Equal(("ircuser", "bob", "psst, bob"), (toBob.From, toBob.To, toBob.Text));

        Assert.IsType<Ok>(await bob.RequestAsync(new SendDirect("ircuser", "hi back")));
        var toIrc = await irc.ExpectAsync(line => line.Command == "PRIVMSG" && line.Arg(0) == "ircuser");
        Assert.Equal(("bob!bob@chat", "hi back"), (toIrc.Source, toIrc.Arg(1)));

        await irc.SendAsync("PRIVMSG nobody-here :anyone?");
        var noSuchNick = await irc.ExpectAsync(line => line.Command == "401");
        Assert.Equal("nobody-here", noSuchNick.Arg(1));
    }

    [Fact]
    public async Task Sasl_plain_logs_in_and_the_capabilities_asked_for_shape_what_is_sent()
    {
        await RegisterAsync("ircuser", "password1");
        await using var irc = await IrcTestClient.ConnectAsync(_ircPort);
        await irc.SendAsync("CAP LS 302", "NICK ircuser", "USER ircuser 0 * :IRC User");
        var ls = await irc.ExpectAsync(line => line.Command == "CAP");
        Assert.Contains("sasl=PLAIN", ls.Arg(2).Split(' '));
        await irc.SendAsync("CAP REQ :sasl server-time echo-message");
        Assert.Equal("ACK", (await irc.ExpectAsync(line => line.Command == "CAP")).Arg(1));
        await irc.SendAsync("AUTHENTICATE PLAIN");
        Assert.Equal("+", (await irc.ExpectAsync(line => line.Command == "AUTHENTICATE")).Arg(0));
        await irc.SendAsync("AUTHENTICATE " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0ircuser\0password1")));
        await irc.ExpectAsync(line => line.Command == "903");
        await irc.SendAsync("CAP END");
        await irc.ExpectAsync(line => line.Command == "001");
        await irc.ExpectAsync(line => line.Command == "366");

        // echo-message: the sender's own line comes back, stamped with server-time.
        await irc.SendAsync("PRIVMSG #lobby :echoed");
        var echo = await irc.ExpectAsync(line => line.Command == "PRIVMSG");
        Assert.Equal(("ircuser!ircuser@chat", "echoed"), (echo.Source, echo.Arg(1)));
        Assert.True(echo.Tags.ContainsKey("time"), echo.ToString());
    }

    [Fact]
    public async Task A_wrong_password_gets_the_irc_error_and_others_are_still_served()
    {
        await RegisterAsync("ircuser", "password1");
        await using var wrong = await IrcTestClient.ConnectAsync(_ircPort);
        await wrong.SendAsync("PASS ircuser:not-the-password", "NICK ircuser", "USER ircuser 0 * :x");
        await wrong.ExpectAsync(line => line.Command == "464");
        await wrong.ExpectAsync(line => line.Command == "ERROR");

        await using var right = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", "password1");
        await right.SendAsync("PING :still-here");
        Assert.Equal("still-here", (await right.ExpectAsync(line => line.Command == "PONG")).Arg(1));
    }

    [Fact]
    public async Task Without_an_account_nickserv_registers_one_and_bad_input_gets_numerics_not_a_crash()
    {
        await using var irc = await IrcTestClient.ConnectAsync(_ircPort);
        await irc.SendAsync("NICK newbie", "USER newbie 0 * :New");
        await irc.ExpectAsync(line => line.Command == "001");
        await irc.SendAsync("JOIN #lobby");
        await irc.ExpectAsync(line => line.Command == "451");

        await irc.SendAsync("PRIVMSG NickServ :REGISTER password9");
        await irc.ExpectAsync(line => line.Command == "NOTICE" && line.Arg(1).Contains("logged in as newbie", StringComparison.Ordinal));
        await irc.ExpectAsync(line => line.Command == "JOIN" && line.Arg(0) == "#lobby");

        await irc.SendAsync("FROBNICATE now", "JOIN", "PRIVMSG #lobby", "NICK 9bad", ":only-a-source", "@tag-without-command");
        Assert.Equal("FROBNICATE", (await irc.ExpectAsync(line => line.Command == "421")).Arg(1));
        await irc.ExpectAsync(line => line.Command == "461");
        await irc.ExpectAsync(line => line.Command == "412");
        await irc.ExpectAsync(line => line.Command == "432");
        await irc.SendAsync("PRIVMSG #lobby :" + new string('x', 9000));
        await irc.ExpectAsync(line => line.Command == "417");
        await irc.SendAsync("PING :after");
        Assert.Equal("after", (await irc.ExpectAsync(line => line.Command == "PONG")).Arg(1));
    }

    [Fact]
    public async Task Nick_changes_the_chat_nickname_and_a_taken_one_is_refused()
    {
        await RegisterAsync("ircuser", "password1");
        await RegisterAsync("bob", "password2");
        await using var bob = await RawClient.LoggedInAsync(_host, "bob", "password2");
        await using var irc = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", "password1");

        await irc.SendAsync("NICK Zed");
        var renamed = await irc.ExpectAsync(line => line.Command == "NICK");
        Assert.Equal(("ircuser!ircuser@chat", "Zed"), (renamed.Source, renamed.Arg(0)));
        Assert.Equal("Zed", (await bob.ExpectAsync<NickChanged>()).Nick);

        await irc.SendAsync("NICK bob");
        Assert.Equal("bob", (await irc.ExpectAsync(line => line.Command == "433")).Arg(1));
    }

    [Fact]
    public async Task Chathistory_pages_back_through_a_room_in_a_batch_by_msgid()
    {
        await RegisterAsync("ircuser", "password1");
        await RegisterAsync("bob", "password2");
        await using var chat = await RawClient.LoggedInAsync(_host, "bob", "password2");
        for (var i = 1; i <= 5; i++)
            Assert.IsType<Ok>(await chat.RequestAsync(new Say("lobby", $"line {i}")));

        await using var irc = await IrcTestClient.ConnectAsync(_ircPort);
        await irc.SendAsync("CAP REQ :batch draft/chathistory server-time message-tags", "PASS ircuser:password1", "NICK ircuser", "USER ircuser 0 * :x", "CAP END");
        await irc.ExpectAsync(line => line.Command == "366");
        // The page's newest line is ircuser's own "joined" once it is stored, which IRC does not
        // replay: 3 lines, 2 or 3 messages (the "joined" line is stored after the login's answer).
        await irc.SendAsync("CHATHISTORY LATEST #lobby * 3");
        var start = await irc.ExpectAsync(line => line.Command == "BATCH");
        Assert.Equal(["chathistory", "#lobby"], start.Params.Skip(1).ToArray());
        var batch = new List<IrcLine>();
        for (var line = await irc.NextAsync(); line!.Command != "BATCH"; line = await irc.NextAsync())
            batch.Add(line);
        var newest = batch.TakeLast(2).ToArray();
        Assert.Equal(["line 4", "line 5"], newest.Select(l => l.Arg(1)).ToArray());
        Assert.All(batch, l => Assert.Equal(("PRIVMSG", start.Arg(0)[1..]), (l.Command, l.Tags["batch"])));

        await irc.SendAsync($"CHATHISTORY BEFORE #lobby msgid={newest[0].Tags["msgid"]} 10");
        await irc.ExpectAsync(line => line.Command == "BATCH");
        var older = new List<string>();
        for (var line = await irc.NextAsync(); line!.Command != "BATCH"; line = await irc.NextAsync())
            older.Add(line.Arg(1));
        Assert.Equal(["line 1", "line 2", "line 3"], older);

        await irc.SendAsync("CHATHISTORY AROUND #lobby * 10");
        Assert.Equal("INVALID_PARAMS", (await irc.ExpectAsync(line => line.Command == "FAIL")).Arg(1));
    }
}
