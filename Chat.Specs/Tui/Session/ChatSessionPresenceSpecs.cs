using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>!reply, !away, !back and !whois, and away people in the people list.</summary>
public class ChatSessionPresenceSpecs
{
    [Fact]
    public async Task Reply_with_no_DM_received_gives_a_hint_and_sends_nothing()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            Assert.False(alice.Submit("!reply hi"));

            Assert.StartsWith("Nobody has sent you a DM yet", alice.Lobby.Lines[^1].Text);
        });
        Assert.Empty(host.Received.OfType<SendDirect>());
    }

    [Fact]
    public async Task Reply_answers_whoever_sent_the_last_DM()
    {
        await using var host = await LiveHost.StartAsync();
        await host.RegisterAsync("bob", "password1");
        await host.RegisterAsync("carol", "password1");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        alice.Deliver(new DirectMessage("bob", "bob", "alice", "first", 1, DateTime.UtcNow));
        alice.Deliver(new DirectMessage("carol", "Carol", "alice", "second", 2, DateTime.UtcNow));

        Assert.True(alice.Enter("!reply on my way"));

        await Eventually.True(() => host.Received.OfType<SendDirect>().Any(), "the reply went out");
        Assert.Equal(("carol", "on my way"), host.Received.OfType<SendDirect>().Select(d => (d.To, d.Text)).Single());
        Assert.Equal("carol", Gated.Read(() => alice.Current.Peer));
    }

    [Fact]
    public async Task Away_people_show_with_their_reason_from_presence_and_the_roster()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Gated.Run(() =>
        {
            alice.Deliver(new Roster(RoomNames.Lobby, [new Member("alice", "alice"), new Member("bob", "bob") { Away = "lunch" }, new Member("carol", "carol")]));

            Assert.Equal("lunch", alice.People.Single(p => p.User == "bob").Away);

            alice.Deliver(new Presence("carol", "carol") { Away = "" });
            alice.Deliver(new Presence("bob", "bob"));

            Assert.Equal("", alice.People.Single(p => p.User == "carol").Away);
            Assert.Null(alice.People.Single(p => p.User == "bob").Away);
            Assert.Equal(["carol is away", "bob is back"], alice.Lobby.Lines.Where(l => l.Kind == LineKind.Notice).Select(l => l.Text).TakeLast(2));
        });
    }

    [Fact]
    public async Task Announcements_decided_before_a_roster_and_read_after_it_leave_the_people_as_the_roster_says()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        // A room sends its announcements in fan-out batches and a roster at once: what the room
        // decided just before the roster may come after it.
        Gated.Run(() =>
        {
            alice.Deliver(new Roster(RoomNames.Lobby, [new Member("alice", "alice"), new Member("bob", "bob") { Away = "lunch" }, new Member("carol", "Carol")]));

            alice.Deliver(new Joined(RoomNames.Lobby, "dave", "dave"));
            alice.Deliver(new Joined(RoomNames.Lobby, "bob", "bob"));
            alice.Deliver(new Presence("bob", "bob") { Away = "lunch" });
            alice.Deliver(new NickChanged("carol", "carol", "Carol") { Room = RoomNames.Lobby });
            alice.Deliver(new Left(RoomNames.Lobby, "dave", "dave"));

            Assert.Equal(["alice/alice/", "bob/bob/lunch", "carol/Carol/"], alice.People.Select(p => $"{p.User}/{p.Nick}/{p.Away}").Order());
        });
    }

    [Fact]
    public async Task Away_and_back_mark_me_and_a_DM_to_someone_away_says_why_they_may_not_answer()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Assert.True(bob.Enter("!away lunch"));
        await Eventually.True(() => bob.Me?.Away == "lunch", "bob is away");
        Assert.True(alice.Enter("!X bob are you there?"));

        await Eventually.True(() => alice.Current.Lines.Any(l => l.Kind == LineKind.Notice && l.Text == "bob is away: lunch"), "alice is told bob is away");
        Assert.True(bob.Enter("!back"));
        await Eventually.True(() => bob.Me?.Away is null, "bob is back");
    }

    [Fact]
    public async Task Whois_tells_who_someone_is_or_that_nobody_is()
    {
        await using var host = await LiveHost.StartAsync();
        await host.RegisterAsync("bob", "password1");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Assert.True(alice.Enter("!whois bob"));
        await Eventually.True(() => alice.Lobby.Lines[^1].Text.StartsWith("bob: offline", StringComparison.Ordinal), "bob is described");
        Assert.True(alice.Enter("!whois zed"));
        await Eventually.True(() => alice.Lobby.Lines[^1].Text == "No such user.", "nobody called zed");
    }

    [Fact]
    public async Task Tab_after_whois_offers_usernames_only()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        Assert.True(bob.Enter("!nick Builder"));
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        await Eventually.True(() => alice.People.Any(p => p.Nick == "Builder"), "alice knows bob's nickname");

        Gated.Run(() =>
        {
            Assert.Contains("bob", alice.CompletionNamesFor("!whois b"));
            Assert.DoesNotContain("Builder", alice.CompletionNamesFor("!whois B"));
            Assert.Contains("Builder", alice.CompletionNamesFor("hello B"));
        });
    }
}
