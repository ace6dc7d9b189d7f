using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>History pages meet live messages without gaps or repeats; older pages go on top until the beginning.</summary>
public class ChatSessionHistorySpecs
{
    private static ChatMessage Said(long seq, string room = RoomNames.Lobby) => new(room, "bob", "bob", $"m{seq}", seq, DateTime.UtcNow);

    private static DirectMessage ToAlice(string from, string text, long id) => new(from, from, "alice", text, id, DateTime.UtcNow);

    private static HistoryPage LobbyPage(bool complete, params long[] seqs) => Page(RoomNames.Lobby, complete, seqs);

    // Rules of merging are shown on frames made up here, in a room the host never spoke of, so
    // that what the real host sends at login cannot mix in.
    private static HistoryPage Page(string room, bool complete, params long[] seqs) =>
        new(seqs.Select(seq => (ServerFrame)Said(seq, room)).ToList(), complete) { Room = room };

    private const string Quiet = "quiet";

    private static Conversation QuietRoom(ChatSession session) => session.Conversations.Single(c => c.Room == Quiet);

    private static List<string> Texts(Conversation conversation) =>
        conversation.Lines.Where(l => l.Kind == LineKind.Message).Select(l => l.Text).ToList();

    [Fact]
    public async Task A_page_then_live_messages_that_overlap_it_show_each_message_once()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            alice.Deliver(Page(Quiet, complete: false, 1, 2, 3));
            alice.Deliver(Said(3, Quiet));
            alice.Deliver(Said(4, Quiet));

            Assert.Equal(["m1", "m2", "m3", "m4"], Texts(QuietRoom(alice)));
            Assert.False(QuietRoom(alice).HistoryComplete);
        });
    }

    [Fact]
    public async Task Live_messages_before_the_page_end_up_below_it_in_order()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        var inserted = 0;
        alice.LinesInserted += _ => inserted++;

        Gated.Run(() =>
        {
            alice.Deliver(Said(4, Quiet));
            alice.Deliver(Said(5, Quiet));
            alice.Deliver(Page(Quiet, complete: true, 2, 3, 4));

            Assert.Equal(["m2", "m3", "m4", "m5"], Texts(QuietRoom(alice)));
            Assert.Equal("beginning of conversation", QuietRoom(alice).Lines[0].Text);
            Assert.True(inserted > 0, "the views were told to re-read the conversation");
        });
    }

    [Fact]
    public async Task Scrolling_above_the_top_fetches_older_pages_until_the_beginning()
    {
        // Pages of 3 lines: bob's "joined" is seq 1, m1 to m4 are 2 to 5, and alice's own "joined" ends her first page.
        await using var host = await LiveHost.StartAsync("chat.history.page-size = 3");
        for (var seq = 1; seq <= 4; seq++)
            await host.SayAsync("bob", $"m{seq}");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        await Eventually.True(() => Texts(alice.Lobby).SequenceEqual(["m3", "m4"]), "the newest page arrives at login");

        while (!Eventually.Holds(() => alice.Lobby.HistoryComplete))
        {
            var requests = host.Received.OfType<HistoryRequest>().Count();
            Gated.Run(() => alice.LoadOlder(alice.Lobby));
            await Eventually.True(() => alice.Lobby.HistoryComplete || host.Received.OfType<HistoryRequest>().Count() > requests && !alice.Lobby.HistoryPending, "an older page arrives");
        }

        Gated.Run(() =>
        {
            Assert.Equal(["m1", "m2", "m3", "m4"], Texts(alice.Lobby));
            Assert.Equal("beginning of conversation", alice.Lobby.Lines[0].Text);
        });
        var first = host.Received.OfType<HistoryRequest>().First();
        Assert.Equal((RoomNames.Lobby, (long?)4), (first.Room, first.Before));

        var asked = host.Received.OfType<HistoryRequest>().Count();
        Gated.Run(() => alice.LoadOlder(alice.Lobby));
        await alice.QuitAsync();
        // The logout went out after anything LoadOlder could have sent, on the same link.
        Assert.IsType<Logout>(host.Received.Last(f => f is Logout or HistoryRequest));
        Assert.Equal(asked, host.Received.OfType<HistoryRequest>().Count());
    }

    [Fact]
    public async Task Opening_a_DM_conversation_with_nothing_loaded_asks_for_its_history_and_marks_it_read()
    {
        await using var host = await LiveHost.StartAsync();
        await host.RegisterAsync("bob");
        // Said from another terminal of alice's before this one logged in: stored, not delivered to it.
        await host.SendDirectAsync("alice", "bob", "while you were out");
        await host.SendDirectAsync("alice", "bob", "ping");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        var withBob = Gated.Read(() =>
        {
            alice.Deliver(new Unread([new UnreadConversation(2) { With = "bob" }]));
            var direct = Assert.Single(alice.Conversations, c => c.IsDirect);
            Assert.Equal(2, direct.Unread);
            Assert.Empty(direct.Lines);

            alice.Select(direct);
            return direct;
        });

        await Eventually.True(() => Texts(withBob).Count == 2, "the DMs are loaded");
        Gated.Run(() =>
        {
            Assert.Equal(["while you were out", "ping"], Texts(withBob));
            Assert.Equal(0, withBob.Unread);
        });
        await Eventually.True(() => host.Received.OfType<MarkRead>().Any(m => m.With == "bob"), "the host hears it was read");
        Assert.Equal(Gated.Read(() => withBob.NewestId), host.Received.OfType<MarkRead>().Single(m => m.With == "bob").Upto);
    }

    [Fact]
    public async Task The_DMs_delivered_at_login_are_not_counted_on_top_of_the_unread_frame()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            alice.Deliver(new Unread([new UnreadConversation(2) { With = "bob" }, new UnreadConversation(5) { Room = "dev" }]));
            alice.Deliver(ToAlice("bob", "one", 1));
            alice.Deliver(ToAlice("bob", "two", 2));
            alice.Deliver(LobbyPage(complete: true));
            alice.Deliver(new HistoryPage([Said(8, "dev"), Said(9, "dev")], Complete: false) { Room = "dev" });
            alice.Deliver(ToAlice("bob", "three, live", 3));

            Assert.Equal(3, alice.Conversations.Single(c => c.Peer == "bob").Unread);
            Assert.Equal(5, alice.Conversations.Single(c => c.Room == "dev").Unread);
        });
    }

    [Fact]
    public async Task Viewing_sends_mark_read_for_newer_lines_and_not_per_render()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            alice.Deliver(Said(5, Quiet));
            alice.Deliver(Said(5, Quiet));
            alice.Select(QuietRoom(alice));
        });
        await Eventually.True(() => host.Received.OfType<MarkRead>().Any(), "the room is marked read");
        alice.Deliver(Said(6, Quiet));
        await Eventually.True(() => host.Received.OfType<MarkRead>().Count() == 2, "the newer line is marked read");
        Gated.Run(() => alice.Select(QuietRoom(alice)));
        await alice.QuitAsync();

        // The logout went out after anything the last Select could have sent, on the same link.
        Assert.Equal([5L, 6L], host.Received.OfType<MarkRead>().Select(m => m.Upto));
        Assert.All(host.Received.OfType<MarkRead>(), m => Assert.Equal(Quiet, m.Room));
    }

    [Fact]
    public async Task A_busy_room_being_read_is_marked_once_at_first_and_once_after_the_interval()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Gated.Run(() =>
        {
            alice.Deliver(Said(1, Quiet));
            alice.Select(QuietRoom(alice));
        });
        await Eventually.True(() => host.Received.OfType<MarkRead>().Any(), "the room is marked read");

        for (var seq = 2; seq <= 40; seq++)
            alice.Deliver(Said(seq, Quiet));
        await Eventually.True(() => host.Received.OfType<MarkRead>().Count() == 2, "the burst is marked read after the interval");

        Assert.Equal([1L, 40L], host.Received.OfType<MarkRead>().Select(m => m.Upto));
    }

    [Fact]
    public async Task A_read_echo_from_another_terminal_clears_what_it_covers()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Gated.Run(() =>
        {
            alice.Deliver(ToAlice("bob", "one", 1));
            alice.Deliver(ToAlice("bob", "two", 2));
            var withBob = alice.Conversations.Single(c => c.Peer == "bob");
            Assert.Equal(2, withBob.Unread);

            alice.Deliver(new ReadMark(1) { With = "bob" });
            Assert.Equal(1, withBob.Unread);

            alice.Deliver(new ReadMark(2) { With = "bob" });
            Assert.Equal(0, withBob.Unread);
        });
    }

    [Fact]
    public async Task The_unread_frame_at_a_new_login_replaces_the_counts_the_client_kept()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        Gated.Run(() =>
        {
            alice.Deliver(ToAlice("bob", "one", 1));
            alice.Deliver(ToAlice("carol", "hey", 2));

            alice.Deliver(new Unread([new UnreadConversation(4) { With = "carol" }]));

            Assert.Equal(0, alice.Conversations.Single(c => c.Peer == "bob").Unread);
            Assert.Equal(4, alice.Conversations.Single(c => c.Peer == "carol").Unread);
        });
    }
}
