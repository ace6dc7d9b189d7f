using Chat.Specs.Support;
using Chat.Specs.Tui.Session;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.EndToEnd;

/// <summary>Two client sessions over real sockets against the real host on an ephemeral port.</summary>
public class ClientEndToEndSpecs
{

    [Fact]
    public async Task Two_people_register_rename_talk_DM_and_one_leaves()
    {
        await using var host = await TestHost.StartAsync();
        var address = new ServerAddress("127.0.0.1", host.Endpoint.Port);
        await using var alice = new ChatSession(address, SessionFixture.FastRetry);
        var bob = new ChatSession(address, SessionFixture.FastRetry);

        Assert.Null(await alice.RegisterAsync("alice", "wonderland"));
        Assert.Null(await bob.RegisterAsync("bob", "builder1"));
        await Eventually.True(() => alice.People.Count == 2 && bob.People.Count == 2, "both see both online");

        Assert.True(alice.Enter("!nick Ali🦊"));
        await Eventually.True(() => bob.People.Any(p => p.User == "alice" && p.Nick == "Ali🦊"), "bob sees alice's nickname");
        Assert.Equal("Ali🦊", Gated.Read(() => alice.Me?.Nick));

        Assert.True(alice.Enter("hi bob, 日本語 works"));
        await Eventually.True(() => bob.Lobby.Lines.Any(l => l.Kind == LineKind.Message && l.Nick == "Ali🦊" && l.Text == "hi bob, 日本語 works"), "bob reads alice");
        await Eventually.True(() => alice.Lobby.Lines.Count(l => l.Kind == LineKind.Message) == 1, "alice sees her own line once");

        Assert.True(bob.Enter("!X alice psst"));
        var bobsSide = Gated.Read(() => bob.Current);
        Assert.Equal("alice", bobsSide.Peer);
        await Eventually.True(() => alice.Conversations.Any(c => c.Peer == "bob" && c.Unread == 1), "alice has an unread DM from bob");
        // A marker after the DM: once both sides show it, whatever the DM was going to show has been shown.
        Assert.True(bob.Enter("marker"));
        await Eventually.True(() => bobsSide.Spoken().Any(l => l.Text == "marker"), "bob sees the marker");
        await Eventually.True(() => alice.Conversations.Single(c => c.Peer == "bob").Spoken().Any(l => l.Text == "marker"), "alice gets the marker");
        Gated.Run(() =>
        {
            Assert.Equal(["psst", "marker"], bobsSide.Spoken().Select(l => l.Text));
            Assert.Equal(["psst", "marker"], alice.Conversations.Single(c => c.Peer == "bob").Spoken().Select(l => l.Text));
        });

        Assert.True(alice.Enter("!X bob got it"));
        await Eventually.True(() => bobsSide.Spoken() is [_, _, { Text: "got it" }], "bob reads the reply in the same conversation");

        await bob.QuitAsync();
        await bob.DisposeAsync();

        await Eventually.True(() => alice.People.All(p => p.User != "bob"), "bob leaves alice's people panel");
        Gated.Run(() =>
        {
            Assert.Contains(alice.Lobby.Lines, l => l.Kind == LineKind.Notice && l.Text == "bob left");
            Assert.Equal(ConnectionStatus.Connected, alice.Status);
        });
    }
}
