using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>Rooms are conversations beside the DMs: joined, left, listed, talked in.</summary>
public class ChatSessionRoomSpecs
{
    [Fact]
    public async Task Joining_opens_the_room_after_the_lobby_and_before_the_DMs_and_text_there_goes_to_it()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        alice.Deliver(new DirectMessage("bob", "bob", "alice", "psst", 1, DateTime.UtcNow));

        Assert.True(alice.Enter("!join #Dev"));
        await Eventually.True(() => alice.Current.Room == "dev", "alice is looking at #dev");
        Assert.True(alice.Enter("hello devs"));

        Assert.Equal(["lobby", "dev", null], Gated.Read(() => alice.Conversations.Select(c => c.Room).ToList()));
        await Eventually.True(() => host.Received.OfType<Say>().Any(), "the text went out");
        Assert.Equal(new Say("dev", "hello devs"), host.Received.OfType<Say>().Single() with { Id = null });
        Gated.Run(() =>
        {
            alice.SelectNumber(3);
            Assert.Equal("bob", alice.Current.Peer);
        });
    }

    [Fact]
    public async Task A_message_in_a_room_not_on_screen_counts_as_unread_there()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            alice.Deliver(new ChatMessage("dev", "bob", "bob", "anyone?", 1, DateTime.UtcNow));

            var dev = alice.Conversations.Single(c => c.Room == "dev");
            Assert.Equal(1, dev.Unread);
            Assert.Equal(0, alice.Lobby.Unread);
            Assert.Equal("anyone?", dev.Lines.Single().Text);
        });
    }

    [Fact]
    public async Task Leaving_the_room_on_screen_drops_it_and_shows_the_lobby()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        alice.Enter("!join dev");
        await Eventually.True(() => alice.Current.Room == "dev", "alice is in #dev");

        Assert.True(alice.Enter("!leave"));

        await Eventually.True(() => alice.Current == alice.Lobby && alice.Conversations.All(c => c.Room != "dev"), "#dev is gone and the lobby is on screen");
        Assert.Equal("dev", host.Received.OfType<Leave>().Single().Room);
    }

    [Fact]
    public async Task Leaving_on_another_terminal_drops_the_room_here_too()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Gated.Run(() =>
        {
            alice.Deliver(new HistoryPage([], Complete: true) { Room = "dev" });
            Assert.Contains(alice.Conversations, c => c.Room == "dev");

            alice.Deliver(new Left("dev", "alice", "alice"));

            Assert.DoesNotContain(alice.Conversations, c => c.Room == "dev");
        });
    }

    [Fact]
    public async Task The_lobby_and_DMs_cannot_be_left_and_nothing_is_sent()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            Assert.False(alice.Submit("!leave"));
            Assert.Contains("Everyone stays in the lobby", alice.Lobby.Lines[^1].Text);
            Assert.False(alice.Submit("!leave #lobby"));

            alice.Deliver(new DirectMessage("bob", "bob", "alice", "psst", 1, DateTime.UtcNow));
            alice.SelectNumber(2);
            Assert.False(alice.Submit("/leave"));
            Assert.Contains("not a room", alice.Current.Lines[^1].Text);
        });
        Assert.Empty(host.Received.OfType<Leave>());
    }

    [Fact]
    public async Task Rooms_lists_the_rooms_locally_and_teaches_Tab_their_names()
    {
        await using var host = await LiveHost.StartAsync();
        var bob = await host.PersonAsync("bob");
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("dev")));
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Assert.True(alice.Enter("!rooms"));

        await Eventually.True(() => alice.Lobby.Lines[^1].Text.StartsWith("Rooms:"), "the list is shown");
        Gated.Run(() =>
        {
            Assert.Contains("#dev (1 member)", alice.Lobby.Lines[^1].Text);
            Assert.Contains("#lobby (2 members)", alice.Lobby.Lines[^1].Text);
            Assert.EndsWith(". !join #name joins one.", alice.Lobby.Lines[^1].Text);
            Assert.Equal("!join #dev ", alice.Completer.Complete("!join #d", alice.CompletionNamesFor("!join #d")));
        });
    }

    [Fact]
    public async Task My_DM_sent_from_another_terminal_lands_in_the_conversation_with_its_recipient()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            alice.Deliver(new DirectMessage("alice", "alice", "bob", "sent elsewhere", 4, DateTime.UtcNow));

            var withBob = Assert.Single(alice.Conversations, c => c.IsDirect);
            Assert.Equal("bob", withBob.Peer);
            Assert.Equal(0, withBob.Unread);
            Assert.Null(alice.LastDirectFrom);
        });
    }
}
