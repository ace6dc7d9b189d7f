using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Irc;

/// <summary>
/// The channel operator's commands are the room's moderation, over real sockets: the owner of a
/// room (its first member) sets its topic, kicks and invites from IRC, and a chat client in the
/// room sees the same; server queries answer without the chat.
/// </summary>
public sealed class IrcChannelOperatorSpecs : IAsyncLifetime
{
    private readonly int _ircPort = FreePort.Next();
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(extraConfig: $"chat.irc.port = {_ircPort}");
        foreach (var (user, password) in new[] { ("ircuser", "password1"), ("bob", "password2"), ("carol", "password3") })
        {
            await using var setup = await _host.ConnectAsync();
            await setup.HelloAsync();
            Assert.IsType<Ok>(await setup.RequestAsync(new Register(user, password)));
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_owner_sets_the_topic_kicks_and_invites_and_members_see_it_as_irc_shows_it()
    {
        await using var irc = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", "password1");
        await irc.SendAsync("JOIN #dev");
        var names = await irc.ExpectAsync(line => line.Command == "353" && line.Arg(2) == "#dev");
        Assert.Equal("@ircuser", names.Arg(3));
        await using var bob = await RawClient.LoggedInAsync(_host, "bob", "password2");
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("dev")));
        await irc.ExpectAsync(line => line.Command == "JOIN" && line.Source == "bob!bob@chat");

        await irc.SendAsync("TOPIC #dev :release on friday");
        var topic = await irc.ExpectAsync(line => line.Command == "TOPIC");
        Assert.Equal(("ircuser!ircuser@chat", "#dev", "release on friday"), (topic.Source, topic.Arg(0), topic.Arg(1)));
        Assert.Equal("release on friday", (await bob.ExpectAsync<ModerationNotice>()).Topic);
        await irc.SendAsync("TOPIC #dev");
        Assert.Equal("release on friday", (await irc.ExpectAsync(line => line.Command == "332")).Arg(2));

        await irc.SendAsync("KICK #dev bob :too loud");
        var kick = await irc.ExpectAsync(line => line.Command is "KICK" or "PART");
        Assert.Equal(("KICK", "#dev", "bob", "too loud"), (kick.Command, kick.Arg(0), kick.Arg(1), kick.Arg(2)));
        Assert.Equal(("kick", "bob"), ((await bob.ExpectAsync<ModerationNotice>()).Action, (await bob.ExpectAsync<Left>()).User));

        await irc.SendAsync("INVITE carol #dev");
        var invited = await irc.ExpectAsync(line => line.Command == "341");
        Assert.Equal(("carol", "#dev"), (invited.Arg(1), invited.Arg(2)));

        // A PING answers after everything before it: no PART for bob came, the KICK said it.
        await irc.SendAsync("PING :after");
        Assert.Equal("PONG", (await irc.ExpectAsync(line => line.Command is "PONG" or "PART")).Command);
    }

    [Fact]
    public async Task A_member_who_is_not_an_operator_is_refused_with_482_parting_or_naming_elsewhere_is_442_or_no_names_and_queries_about_the_server_are_answered()
    {
        await using var bob = await RawClient.LoggedInAsync(_host, "bob", "password2");
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("dev")));
        await using var irc = await IrcTestClient.LoggedInAsync(_ircPort, "ircuser", "password1");
        await irc.SendAsync("JOIN #dev");
        await irc.ExpectAsync(line => line.Command == "366" && line.Arg(1) == "#dev");

        await irc.SendAsync("TOPIC #dev :mine now", "KICK #dev bob", "MODE #dev +o ircuser");
        for (var i = 0; i < 3; i++)
            Assert.Equal("#dev", (await irc.ExpectAsync(line => line.Command == "482")).Arg(1));

        await irc.SendAsync("PART #nowhere");
        Assert.Equal("#nowhere", (await irc.ExpectAsync(line => line.Command == "442")).Arg(1));
        await irc.SendAsync("NAMES #nowhere");
        Assert.Equal("#nowhere", (await irc.ExpectAsync(line => line.Command is "366" or "NOTICE")).Arg(1));

        await irc.SendAsync("VERSION", "TIME", "HELP", "FROBNICATE", "LUSERS");
        await irc.ExpectAsync(line => line.Command == "351");
        Assert.Contains("TOPICLEN=300", (await irc.ExpectAsync(line => line.Command == "005")).Params);
        await irc.ExpectAsync(line => line.Command == "391");
        await irc.ExpectAsync(line => line.Command == "706");
        Assert.Equal("FROBNICATE", (await irc.ExpectAsync(line => line.Command == "421")).Arg(1));
        Assert.StartsWith("There are 2 users", (await irc.ExpectAsync(line => line.Command == "251")).Arg(1));
    }
}
