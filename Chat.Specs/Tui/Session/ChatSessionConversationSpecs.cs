using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

public class ChatSessionConversationSpecs
{
    private static ChatMessage Said(string user, string text, long seq) => new(RoomNames.Lobby, user, user, text, seq, DateTime.UtcNow);

    private static DirectMessage Direct(string from, string to, string text, long id) => new(from, from, to, text, id, DateTime.UtcNow);

    [Fact]
    public async Task A_room_message_lands_in_the_lobby_once()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            alice.Deliver(Said("bob", "hello", 7));
            alice.Deliver(Said("bob", "hello", 7));

            var line = Assert.Single(alice.Lobby.Lines, l => l.Kind == LineKind.Message);
            Assert.Equal(("bob", "hello"), (line.Nick, line.Text));
            Assert.Equal(0, alice.Lobby.Unread);
        });
    }

    [Fact]
    public async Task A_DM_from_someone_opens_a_conversation_counts_unread_and_rings()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        var rings = 0;
        alice.BellRequested += () => rings++;

        Gated.Run(() =>
        {
            alice.Deliver(Direct("bob", "alice", "psst", 1));
            alice.Deliver(Direct("bob", "alice", "are you there?", 2));

            var withBob = Assert.Single(alice.Conversations, c => c.IsDirect);
            Assert.Equal("bob", withBob.Peer);
            Assert.Equal(2, withBob.Unread);
            Assert.Equal(2, rings);
            Assert.Equal(alice.Lobby, alice.Current);
        });
    }

    [Fact]
    public async Task Unread_counts_only_what_is_not_in_view_and_clears_when_viewed()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Gated.Run(() =>
        {
            alice.Deliver(Direct("bob", "alice", "psst", 1));
            var withBob = alice.Conversations[1];

            alice.Select(withBob);
            alice.Deliver(Said("bob", "in the lobby", 2));
            alice.Deliver(Said("carol", "me too", 3));
            alice.Deliver(Direct("bob", "alice", "seen this?", 4));
            alice.Deliver(new Joined(RoomNames.Lobby, "dave", "dave"));

            Assert.Equal(0, withBob.Unread);
            Assert.Equal(2, alice.Lobby.Unread);

            alice.SelectNext(+1);

            Assert.Equal(alice.Lobby, alice.Current);
            Assert.Equal(0, alice.Lobby.Unread);
        });
    }

    [Fact]
    public async Task Sending_with_X_opens_the_conversation_and_shows_the_DM_once()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Assert.True(alice.Enter("!X bob hi 👋"));

        var withBob = Gated.Read(() => Assert.Single(alice.Conversations, c => c.IsDirect));
        Assert.Equal(withBob, Gated.Read(() => alice.Current));
        // A second DM after the first: once both sides show it, whatever the first was going to
        // show (its ok and its echo on alice's side, the event on bob's) has been applied.
        Assert.True(alice.Enter("marker"));
        await Eventually.True(() => withBob.Spoken().Any(l => l.Text == "marker"), "alice sees the marker");
        await Eventually.True(() => bob.Conversations.Count == 2 && bob.Conversations[1].Spoken().Any(l => l.Text == "marker"), "bob got the marker");
        Gated.Run(() =>
        {
            Assert.Equal(["hi 👋", "marker"], withBob.Spoken().Select(l => l.Text));
            Assert.Equal(["hi 👋", "marker"], bob.Conversations[1].Spoken().Select(l => l.Text));
            Assert.Equal(2, bob.Conversations[1].Unread);
        });
        Assert.Equal(new SendDirect("bob", "hi 👋"), host.Received.OfType<SendDirect>().First() with { Id = null });
    }

    [Fact]
    public async Task Text_typed_in_a_DM_conversation_goes_to_that_peer()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        alice.Enter("/msg bob first");

        alice.Enter("second");

        await Eventually.True(() => host.Received.OfType<SendDirect>().Count() == 2, "two DMs sent");
        Assert.Empty(host.Received.OfType<Say>());
    }

    [Fact]
    public async Task A_DM_to_nobody_is_refused_and_leaves_no_empty_conversation()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        alice.Enter("!X nobody hello");

        await Eventually.True(() => alice.Conversations.Count == 1, "the empty conversation is gone");
        Gated.Run(() =>
        {
            Assert.Equal(alice.Lobby, alice.Current);
            Assert.Contains("No user named \"nobody\"", alice.Lobby.Lines[^1].Text);
        });
    }

    [Fact]
    public async Task A_mention_of_my_name_or_nick_rings_unless_the_bell_is_off()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        var rings = 0;
        alice.BellRequested += () => rings++;

        Gated.Run(() =>
        {
            // Numbered after alice's own "joined" line (seq 1 in the lobby's history).
            alice.Deliver(Said("bob", "hey Alice, look", 101));
            alice.Deliver(Said("bob", "malice is not a mention", 102));
            alice.Submit("!bell");
            alice.Deliver(Said("bob", "alice?", 103));

            Assert.Equal(1, rings);
            Assert.False(alice.BellEnabled);
            Assert.True(alice.Lobby.Lines.First(l => l.Kind == LineKind.Message).MentionsMe);
        });
    }

    [Fact]
    public async Task Nicknames_change_for_me_and_for_others()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        alice.Deliver(Direct("bob", "alice", "hi", 1));

        alice.Enter("!nick Ali🦊");
        bob.Enter("/nick Bobby");

        await Eventually.True(() => alice.Me?.Nick == "Ali🦊", "alice is Ali🦊");
        await Eventually.True(() => alice.People.Any(p => p.Nick == "Bobby"), "alice sees Bobby");
        Gated.Run(() =>
        {
            Assert.Equal("Bobby", alice.Conversations[1].Title);
            Assert.Contains(alice.Lobby.Lines, l => l.Kind == LineKind.Notice && l.Text == "bob is now known as Bobby");
        });
    }

    [Fact]
    public async Task Who_lists_the_lobby_and_leaving_is_noticed()
    {
        await using var host = await LiveHost.StartAsync();
        var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        alice.Enter("!who");
        await Eventually.True(() => alice.Lobby.Lines.Any(l => l.Text.StartsWith("In the lobby:")), "who answered");
        Assert.Contains("bob", Gated.Read(() => alice.Lobby.Lines.Last(l => l.Kind == LineKind.Local).Text));

        await bob.QuitAsync();
        await bob.DisposeAsync();

        await Eventually.True(() => alice.People.All(p => p.User != "bob"), "bob is gone from people");
        Gated.Run(() => Assert.Contains(alice.Lobby.Lines, l => l.Kind == LineKind.Notice && l.Text == "bob left"));
    }

    [Fact]
    public async Task An_action_travels_as_me_text_and_shows_as_an_action()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Assert.True(alice.Enter("!me waves 👋"));

        await Eventually.True(() => alice.Lobby.Lines.Any(l => l.Kind == LineKind.Action), "the action shows");
        Assert.Equal("waves 👋", Gated.Read(() => alice.Lobby.Lines.Single(l => l.Kind == LineKind.Action).Text));
        Assert.Equal("/me waves 👋", host.Received.OfType<Say>().Single().Text);
    }

    [Fact]
    public async Task Alt_numbers_and_ctrl_n_p_switch_conversations()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Gated.Run(() =>
        {
            alice.Deliver(Direct("bob", "alice", "1", 1));
            alice.Deliver(Direct("carol", "alice", "2", 2));

            alice.SelectNumber(3);
            Assert.Equal("carol", alice.Current.Peer);
            alice.SelectNext(+1);
            Assert.Equal(alice.Lobby, alice.Current);
            alice.SelectNext(-1);
            Assert.Equal("carol", alice.Current.Peer);
            alice.SelectNumber(9);
            Assert.Equal("carol", alice.Current.Peer);
        });
    }

    [Fact]
    public async Task Help_and_unknown_commands_answer_locally_and_send_nothing()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        var sentBefore = host.Received.Count();

        Gated.Run(() =>
        {
            Assert.True(alice.Submit("!help"));
            Assert.False(alice.Submit("!X bob"));
            Assert.False(alice.Submit("!dance"));

            Assert.Contains(alice.Lobby.Lines, l => l.Text.Contains("!X username message"));
            Assert.StartsWith("Usage: !X", alice.Lobby.Lines[^2].Text);
            Assert.StartsWith("Unknown command !dance", alice.Lobby.Lines[^1].Text);
        });
        // A request after them: when its answer is shown, anything they had sent went out before it.
        Assert.True(alice.Enter("!rooms"));
        await Eventually.True(() => alice.Lobby.Lines[^1].Text.StartsWith("Rooms:", StringComparison.Ordinal), "the rooms are listed");
        Assert.Equal([typeof(ListRooms)], host.Received.Skip(sentBefore).Where(f => f is not (MarkRead or PingAnswer)).Select(f => f.GetType()));
    }

    [Fact]
    public async Task Completion_offers_online_names_and_nicknames()
    {
        await using var host = await LiveHost.StartAsync();
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        bob.Enter("!nick Bobcat");
        await Eventually.True(() => alice.People.Any(p => p.Nick == "Bobcat"), "alice sees Bobcat");

        Gated.Run(() =>
        {
            Assert.Equal("!X bob ", alice.Completer.Complete("!X b", alice.CompletionNames));
            Assert.Equal("!X Bobcat ", alice.Completer.Complete("!X bob ", alice.CompletionNames));
        });
    }
}
