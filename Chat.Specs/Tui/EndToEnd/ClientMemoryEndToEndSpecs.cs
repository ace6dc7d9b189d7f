using Chat.Specs.Support;
using Chat.Specs.Tui.Session;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.EndToEnd;

/// <summary>
/// The chat remembers (issue 4), seen from client sessions over real sockets against the real
/// host: history on arrival, offline DMs with unread counts across a restart, rooms.
/// </summary>
public class ClientMemoryEndToEndSpecs
{
    private static ServerAddress AddressOf(TestHost host) => new("127.0.0.1", host.Endpoint.Port);

    private static async Task<ChatSession> EnterAsync(TestHost host, string user, string password, bool register = false)
    {
        var session = new ChatSession(AddressOf(host), SessionFixture.FastRetry);
        Assert.Null(register ? await session.RegisterAsync(user, password) : await session.LogInAsync(user, password));
        return session;
    }

    [Fact]
    public async Task Arriving_in_the_lobby_shows_what_was_said_before()
    {
        await using var host = await TestHost.StartAsync();
        await using var alice = await EnterAsync(host, "alice", "wonderland", register: true);
        alice.Enter("first");
        alice.Enter("second");
        await Eventually.True(() => alice.Lobby.Spoken().Count == 2, "alice's lines are stored");

        await using var bob = await EnterAsync(host, "bob", "builder1", register: true);

        await Eventually.True(() => bob.Lobby.Spoken().Count == 2, "bob sees the lobby's history");
        Gated.Run(() =>
        {
            Assert.Equal(["first", "second"], bob.Lobby.Spoken().Select(l => l.Text));
            bob.LoadOlder(bob.Lobby);
        });
        await Eventually.True(() => bob.Lobby.HistoryComplete, "the beginning is reached");
        Gated.Run(() => Assert.Equal(["first", "second"], bob.Lobby.Spoken().Select(l => l.Text)));
    }

    [Fact]
    public async Task An_offline_DM_waits_through_a_restart_arrives_unread_and_reading_it_on_one_terminal_clears_the_other()
    {
        await using var host = await TestHost.StartAsync();
        await using (var bob = await EnterAsync(host, "bob", "builder1", register: true))
            await bob.QuitAsync();
        await using var alice = await EnterAsync(host, "alice", "wonderland", register: true);
        Assert.True(alice.Enter("!X bob are you there?"));
        await Eventually.True(() => alice.Current.Spoken().Count == 1, "the DM is stored");
        await alice.QuitAsync();

        await host.RestartAsync();

        await using var bobHere = await EnterAsync(host, "bob", "builder1");
        await Eventually.True(() => bobHere.Conversations.Any(c => c.Peer == "alice" && c.Unread == 1 && c.Spoken().Count == 1), "the DM arrives unread");
        Assert.Equal("are you there?", Gated.Read(() => bobHere.Conversations.Single(c => c.Peer == "alice").Spoken()[0].Text));
        await using var bobThere = await EnterAsync(host, "bob", "builder1");
        await Eventually.True(() => bobThere.Conversations.Any(c => c.Peer == "alice" && c.Unread == 1), "the other terminal has it unread too");

        Gated.Run(() => bobHere.Select(bobHere.Conversations.Single(c => c.Peer == "alice")));

        await Eventually.True(() => bobThere.Conversations.Single(c => c.Peer == "alice").Unread == 0, "reading here clears it there");
        await using var bobLater = await EnterAsync(host, "bob", "builder1");
        // The host sends the unread counts before the lobby's page, and the client applies what
        // it is sent in order: with the page shown, the counts are in.
        await Eventually.True(() => bobLater.Lobby.HistoryComplete, "the lobby's page arrived");
        Gated.Run(() => Assert.All(bobLater.Conversations, c => Assert.Equal(0, c.Unread)));
    }

    [Fact]
    public async Task Joining_a_room_opens_its_conversation_and_what_is_said_there_reaches_its_members_only()
    {
        await using var host = await TestHost.StartAsync();
        await using var alice = await EnterAsync(host, "alice", "wonderland", register: true);
        await using var bob = await EnterAsync(host, "bob", "builder1", register: true);
        await using var carol = await EnterAsync(host, "carol", "carolina", register: true);

        Assert.True(alice.Enter("!join #dev"));
        Assert.True(bob.Enter("/join dev"));
        await Eventually.True(() => alice.Current.Room == "dev" && bob.Current.Room == "dev", "both look at #dev");
        Assert.True(alice.Enter("ship it"));

        await Eventually.True(() => bob.Conversations.Single(c => c.Room == "dev").Spoken().Any(l => l.Text == "ship it"), "bob reads it in #dev");
        // A marker for carol, said after bob had "ship it": carol would have had it by then.
        Assert.True(bob.Enter("!X carol marker"));
        await Eventually.True(() => carol.Conversations.Any(c => c.Peer == "bob" && c.Spoken().Any(l => l.Text == "marker")), "carol gets the marker");
        Gated.Run(() =>
        {
            Assert.DoesNotContain(carol.Conversations, c => c.Room == "dev");
            Assert.All(carol.Conversations, c => Assert.DoesNotContain(c.Lines, l => l.Text == "ship it"));
            Assert.DoesNotContain(bob.Lobby.Lines, l => l.Text == "ship it");
        });
    }
}
