using Chat.Host.Irc;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// What an irssi or WeeChat user sees of channels and people, over real sockets against a real
/// host with chat clients alongside: the topic on JOIN (332/333, or 331) before the names, a
/// NOTICE arriving as a NOTICE (and as a notice to chat clients), WHO of a nick and of a mask,
/// and #lobby shown only once joined when chat.irc.auto-join-lobby is off.
/// </summary>
public sealed class IrcChannelStateSpecs : EndToEndSpec
{
    private readonly int _ircPort;

    public IrcChannelStateSpecs() : this(FreePort.Next())
    {
    }

    private IrcChannelStateSpecs(int ircPort) : base($"chat.irc {{ port = {ircPort}, auto-join-lobby = off }}", "ircuser", "bob", "carol") => _ircPort = ircPort;

    [Fact]
    public async Task Joining_a_channel_shows_its_topic_with_who_set_it_and_when_before_the_names_and_331_when_it_has_none()
    {
        await using var bob = await RawClient.LoggedInAsync(Host, "bob", Password);
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("dev")));
        Assert.IsType<Ok>(await bob.RequestAsync(new SetTopic("dev", "release on friday")));
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("quiet")));
        var before = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();

        await using var irc = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", Password);
        await irc.SendAsync("JOIN #dev");
        await irc.ExpectAsync(line => line.Command == "JOIN" && line.Arg(0) == "#dev");
        var topic = await irc.NextAsync();
        Assert.Equal(("332", "#dev", "release on friday"), (topic!.Command, topic.Arg(1), topic.Arg(2)));
        var setBy = await irc.NextAsync();
        Assert.Equal(("333", "#dev", "bob!bob@chat"), (setBy!.Command, setBy.Arg(1), setBy.Arg(2)));
        Assert.InRange(long.Parse(setBy.Arg(3), System.Globalization.CultureInfo.InvariantCulture), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
        Assert.Equal("353", (await irc.NextAsync())!.Command);

        await irc.SendAsync("JOIN #quiet");
        await irc.ExpectAsync(line => line.Command == "JOIN" && line.Arg(0) == "#quiet");
        Assert.Equal(("331", "#quiet"), ((await irc.NextAsync())!.Command, (await irc.ExpectAsync(line => line.Command == "353")).Arg(2)));

        // A TOPIC query asks the room, so it knows a topic set before the connection.
        await irc.SendAsync("TOPIC #dev");
        Assert.Equal("release on friday", (await irc.ExpectAsync(line => line.Command is "332" or "331")).Arg(2));
    }

    [Fact]
    public async Task A_notice_to_a_channel_or_a_nick_arrives_as_a_notice_to_irc_clients_and_as_one_to_chat_clients()
    {
        await using var bob = await RawClient.LoggedInAsync(Host, "bob", Password);
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("dev")));
        await using var irc = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", Password);
        await using var carol = await IrcTestClient.LoggedInAsync(_ircPort, "carol", Password);
        await irc.SendAsync("JOIN #dev");
        await irc.ExpectAsync(line => line.Command == "366" && line.Arg(1) == "#dev");
        await carol.SendAsync("JOIN #dev");
        await carol.ExpectAsync(line => line.Command == "366" && line.Arg(1) == "#dev");
        await irc.ExpectAsync(line => line.Command == "JOIN" && line.Source == "carol!carol@chat");

        await irc.SendAsync("NOTICE #dev :the build is green", "NOTICE carol :just for you", "PRIVMSG #dev :and a message");
        // The room's lines come in order; the DM by its own path, before or between them.
        var heardByCarol = new List<IrcLine>();
        while (heardByCarol.Count < 3)
            heardByCarol.Add(await carol.ExpectAsync(line => line.Command is "NOTICE" or "PRIVMSG" && line.Arg(0) is "#dev" or "carol"));
        Assert.Equal(
            [("NOTICE", "#dev", "the build is green"), ("PRIVMSG", "#dev", "and a message")],
            heardByCarol.Where(l => l.Arg(0) == "#dev").Select(l => (l.Command, l.Arg(0), l.Arg(1))));
        var toNick = heardByCarol.Single(l => l.Arg(0) == "carol");
        Assert.Equal(("NOTICE", "ircuser!ircuser@chat", "just for you"), (toNick.Command, toNick.Source, toNick.Arg(1)));

        var heard = await bob.ExpectAsync<ChatMessage>(m => m.Room == "dev");
        Assert.Equal(("the build is green", true), (heard.Text, heard.Notice));
        Assert.Null((await bob.ExpectAsync<ChatMessage>(m => m.Room == "dev")).Notice);

        // And from a chat client: its notice to a nick reaches the IRC user as NOTICE.
        Assert.IsType<Ok>(await bob.RequestAsync(new SendDirect("carol", "a notice from the chat") { Notice = true }));
        var fromChat = await carol.ExpectAsync(line => line.Arg(1) == "a notice from the chat");
        Assert.Equal(("NOTICE", "bob!bob@chat"), (fromChat.Command, fromChat.Source));
    }

    [Fact]
    public async Task Who_of_a_nick_lists_the_person_and_who_of_a_mask_lists_the_matching_people_of_the_clients_channels_once()
    {
        await using var bob = await RawClient.LoggedInAsync(Host, "bob", Password);
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("dev")));
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("ops")));
        Assert.IsType<Ok>(await bob.RequestAsync(new SetAway("lunch")));
        await using var irc = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", Password);
        await irc.SendAsync("JOIN #dev,#ops");
        // The rooms answer on their own, in either order.
        var ended = new[] { (await irc.ExpectAsync(line => line.Command == "366")).Arg(1), (await irc.ExpectAsync(line => line.Command == "366")).Arg(1) };
        Assert.Equal(["#dev", "#ops"], ended.Order());

        await irc.SendAsync("WHO bob");
        var bobReply = await irc.ExpectAsync(line => line.Command is "352" or "315");
        Assert.Equal(("352", "*", "bob", "bob", "G"), (bobReply.Command, bobReply.Arg(1), bobReply.Arg(2), bobReply.Arg(5), bobReply.Arg(6)));
        Assert.Equal(("315", "bob"), ((await irc.NextAsync())!.Command, "bob"));

        await irc.SendAsync("WHO nobody-here");
        var none = await irc.ExpectAsync(line => line.Command is "352" or "315");
        Assert.Equal(("315", "nobody-here"), (none.Command, none.Arg(1)));

        // bob shares two channels with the client and is listed once; ircuser does not match.
        await irc.SendAsync("WHO b*");
        var listed = new List<IrcLine>();
        for (var line = await irc.ExpectAsync(l => l.Command is "352" or "315"); line.Command != "315"; line = (await irc.NextAsync())!)
            listed.Add(line);
        Assert.Equal(["bob"], listed.Select(l => l.Arg(5)));
    }

    [Fact]
    public async Task With_auto_join_lobby_off_an_irc_client_is_in_no_channel_until_it_joins_the_lobby_and_part_hides_it_again()
    {
        await using var irc = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", Password);
        await using var bob = await RawClient.LoggedInAsync(Host, "bob", Password);
        Assert.IsType<Ok>(await bob.RequestAsync(new Say("lobby", "unseen by irc")));

        // Nothing of the lobby comes before the PONG that follows everything asked.
        await irc.SendAsync("PING :marker");
        var first = await irc.ExpectAsync(line => line.Command is "PONG" or "JOIN" or "PRIVMSG" or "353");
        Assert.Equal(("PONG", "marker"), (first.Command, first.Arg(1)));

        await irc.SendAsync("JOIN #lobby");
        var joined = await irc.ExpectAsync(line => line.Command == "JOIN");
        Assert.Equal(("#lobby", "ircuser!ircuser@chat"), (joined.Arg(0), joined.Source));
        Assert.Contains("bob", (await irc.ExpectAsync(line => line.Command == "353")).Arg(3).Split(' '));
        Assert.IsType<Ok>(await bob.RequestAsync(new Say("lobby", "seen now")));
        await irc.ExpectAsync(line => line.Command == "PRIVMSG" && line.Arg(0) == "#lobby" && line.Arg(1) == "seen now");

        await irc.SendAsync("PART #lobby");
        var parted = await irc.ExpectAsync(line => line.Command == "PART");
        Assert.Equal(("#lobby", "ircuser!ircuser@chat"), (parted.Arg(0), parted.Source));
        Assert.IsType<Ok>(await bob.RequestAsync(new Say("lobby", "unseen again")));
        await irc.SendAsync("PING :second");
        var next = await irc.ExpectAsync(line => line.Command is "PONG" or "PRIVMSG");
        Assert.Equal(("PONG", "second"), (next.Command, next.Arg(1)));
    }
}
