using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>One event, one notice; answers where the question was asked; the people of the room on screen.</summary>
public class ChatSessionNoticeSpecs
{
    [Fact]
    public async Task A_reply_shows_in_the_window_where_its_command_was_typed()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Assert.True(alice.Enter("!away lunch"));
        Assert.True(alice.Enter("!X bob back soon"));

        var withBob = Gated.Read(() => alice.Current);
        await Eventually.True(() => alice.Lobby.Lines.Any(l => l.Text.StartsWith("You are marked away", StringComparison.Ordinal)), "the answer to !away shows in the lobby");
        await Eventually.True(() => withBob.Spoken().Any(l => l.Text == "back soon"), "the DM went");
        Gated.Run(() => Assert.DoesNotContain(withBob.Lines, l => l.Text.StartsWith("You are marked away", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Someone_away_is_said_once_in_the_DM_not_with_every_line_sent()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Assert.True(alice.Enter("!X bob hi"));
        var withBob = Gated.Read(() => alice.Current);
        Assert.True(bob.Enter("!away lunch"));
        await Eventually.True(() => withBob.Lines.Any(l => l.Text == "bob is away: lunch"), "alice hears bob went away");

        Assert.True(alice.Enter("are you there?"));
        Assert.True(alice.Enter("hello?"));
        // A question after them, answered in the same conversation: every ok before it has been applied.
        Assert.True(alice.Enter("!whois bob"));
        await Eventually.True(() => withBob.Lines.Any(l => l.Text.StartsWith("bob: away", StringComparison.Ordinal)), "whois answers");

        Gated.Run(() => Assert.Single(withBob.Lines, l => l.Text.Contains("is away: lunch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_nickname_change_is_announced_once_though_the_host_tells_it_for_each_shared_room()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Assert.True(alice.Enter("!join #dev"));
        Assert.True(bob.Enter("!join #dev"));
        await Eventually.True(() => alice.Current.Room == "dev" && bob.Current.Room == "dev", "both are in #dev");

        Assert.True(bob.Enter("!nick Bobby"));
        await Eventually.True(() => bob.Me?.Nick == "Bobby", "bob is Bobby");
        Gated.Run(() => bob.Select(bob.Lobby));
        Assert.True(bob.Enter("marker"));

        await Eventually.True(() => alice.Lobby.Spoken().Any(l => l.Text == "marker"), "alice has the marker");
        // Once in each window: the lobby's, and #dev's by its own line (as its history has it).
        Gated.Run(() => Assert.Single(alice.Lobby.Lines, l => l.Text == "bob is now known as Bobby"));
        await Eventually.True(() => alice.Conversations.Single(c => c.Room == "dev").Lines.Count(l => l.Text == "bob is now known as Bobby") == 1, "#dev shows it once");
        Assert.Equal(2, Gated.Read(() => alice.Conversations.SelectMany(c => c.Lines).Count(l => l.Text == "bob is now known as Bobby")));
    }

    [Fact]
    public async Task The_people_panel_and_who_are_about_the_room_on_screen()
    {
        await using var host = await LiveHost.StartAsync();
        await using var carol = await SessionFixture.LoggedInAsync(host, "carol");
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Assert.True(bob.Enter("!join #dev"));
        await Eventually.True(() => bob.Current.Room == "dev", "bob is in #dev");

        Assert.True(alice.Enter("!join #dev"));
        await Eventually.True(() => alice.Current.Room == "dev", "alice is in #dev");

        await Eventually.True(() => alice.PeopleHere.Select(p => p.User).Order().SequenceEqual(["alice", "bob"]), "the panel lists #dev's members");
        Assert.True(alice.Enter("!who"));
        await Eventually.True(() => alice.Current.Lines.Any(l => l.Text.StartsWith("In #dev:", StringComparison.Ordinal)), "who answers for #dev");
        Assert.Equal("In #dev: alice, bob", Gated.Read(() => alice.Current.Lines.Last(l => l.Text.StartsWith("In #dev:", StringComparison.Ordinal)).Text));

        Gated.Run(() =>
        {
            alice.Select(alice.Lobby);
            Assert.Equal(["alice", "bob", "carol"], alice.PeopleHere.Select(p => p.User).Order());
        });
        await host.RegisterAsync("dave");
        Gated.Run(() =>
        {
            Assert.True(alice.Submit("!X dave hi"));
            Assert.Equal([("dave", true)], alice.PeopleHere.Select(p => (p.User, p.Offline)));
            Assert.True(alice.Submit("!X carol hi"));
            Assert.Equal([("carol", false)], alice.PeopleHere.Select(p => (p.User, p.Offline)));
        });
    }

    [Fact]
    public async Task When_the_host_shuts_down_I_stay_in_my_own_people_list()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");

        await host.StopAsync();

        // Reconnecting is set once the link's end is handled, after every frame it carried.
        await Eventually.True(() => bob.Status == ConnectionStatus.Reconnecting, "bob's link ended");
        Gated.Run(() =>
        {
            Assert.Contains(bob.People, p => p.Is("bob"));
            Assert.DoesNotContain(bob.Lobby.Lines, l => l.Text == "bob left");
        });
    }
}
