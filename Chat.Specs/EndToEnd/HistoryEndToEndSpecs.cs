using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 4, item 1: a room's history on arrival, and older pages on request.</summary>
public sealed class HistoryEndToEndSpecs() : EndToEndSpec("chat.history.page-size = 5", "alice", "bob")
{

    [Fact]
    public async Task Arriving_shows_the_latest_page_then_older_pages_back_to_the_beginning()
    {
        await using (var alice = await LogInAsync("alice"))
            for (var i = 1; i <= 12; i++)
                await alice.RequestAsync(new Say("lobby", $"m{i}"));

        await using var bob = await LogInAsync("bob");
        var latest = await bob.ExpectAsync<HistoryPage>(p => p.Room == "lobby");
        // A page counts lines of every kind: its fifth is bob's own "joined".
        Assert.Equal(["m9", "m10", "m11", "m12"], Texts(latest));
        Assert.Equal("bob", Assert.IsType<Joined>(latest.Messages[^1]).User);
        Assert.False(latest.Complete);

        var seen = Texts(latest).ToList();
        var page = latest;
        while (!page.Complete)
        {
            var oldest = SeqOf(page.Messages[0]);
            page = Assert.IsType<HistoryPage>(await bob.RequestAsync(new HistoryRequest(Room: "lobby", Before: oldest, Limit: 5)));
            seen.InsertRange(0, Texts(page));
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"m{i}"), seen);
    }

    [Fact]
    public async Task The_page_and_the_live_messages_meet_with_nothing_missing_or_twice()
    {
        await using var alice = await LogInAsync("alice");
        for (var i = 1; i <= 8; i++)
            await alice.RequestAsync(new Say("lobby", $"before {i}"));

        // Alice keeps talking while bob logs in: the seam falls somewhere in this burst.
        var burst = Task.Run(async () =>
        {
            for (var i = 1; i <= 30; i++)
                await alice.SendBytesAsync(FrameCodec.Client.Encode(new Say("lobby", $"during {i}")));
        });
        await using var bob = await LogInAsync("bob");
        await burst;
        var page = await bob.ExpectAsync<HistoryPage>(p => p.Room == "lobby");

        // Every line of the page (bob's own "joined" too, numbered after messages still waiting
        // for the store, which come live), then the live messages up to the last one said.
        var seqs = page.Messages.Select(SeqOf).ToList();
        var last = page.Messages.OfType<ChatMessage>().LastOrDefault();
        while (last?.Text != "during 30")
            seqs.Add((last = await bob.ExpectAsync<ChatMessage>()).Seq);
        Assert.Equal(Enumerable.Range((int)seqs.Min(), seqs.Count).Select(i => (long)i), seqs.Order());
    }

    [Fact]
    public async Task An_empty_room_has_an_empty_complete_page()
    {
        await using var alice = await LogInAsync("alice");

        var page = await alice.ExpectAsync<HistoryPage>(p => p.Room == "lobby");

        // Nothing was said: the page holds alice's own "joined" line only.
        Assert.Equal("alice", Assert.IsType<Joined>(Assert.Single(page.Messages)).User);
        Assert.True(page.Complete);
    }

    [Fact]
    public async Task History_of_a_room_one_is_not_in_is_refused()
    {
        await using var alice = await LogInAsync("alice");

        await alice.ExpectErrorAsync(new HistoryRequest(Room: "secret"), ErrorCodes.NotInRoom);
        await alice.ExpectErrorAsync(new HistoryRequest(), ErrorCodes.BadFrame);
    }

    [Fact]
    public async Task Reading_marks_name_one_conversation_the_user_can_see()
    {
        await using var alice = await LogInAsync("alice");

        await alice.ExpectErrorAsync(new MarkRead(1), ErrorCodes.BadFrame);
        await alice.ExpectErrorAsync(new MarkRead(1, Room: "lobby", With: "bob"), ErrorCodes.BadFrame);
        await alice.ExpectErrorAsync(new MarkRead(1, Room: "secret"), ErrorCodes.NotInRoom);
        await alice.ExpectErrorAsync(new MarkRead(1, With: "no one!"), ErrorCodes.NoSuchUser);
        await alice.ExpectErrorAsync(new HistoryRequest(With: "no one!"), ErrorCodes.NoSuchUser);
        Assert.IsType<Ok>(await alice.RequestAsync(new MarkRead(0, Room: "#Lobby")));
    }

    // Issue 18, item 7: a search hit in context (a page around its line), then pages after it to the live end.
    [Fact]
    public async Task A_page_around_a_line_holds_it_in_the_middle_and_pages_after_it_reach_the_live_end()
    {
        await using var alice = await LogInAsync("alice");
        var seqs = new List<long>();
        for (var i = 1; i <= 20; i++)
            seqs.Add(Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", $"m{i}"))).Seq!.Value);
        var hit = seqs[9]; // "m10"

        var around = Assert.IsType<HistoryPage>(await alice.RequestAsync(new HistoryRequest(Room: "lobby", Around: hit, Limit: 6)));

        Assert.Equal(["m8", "m9", "m10", "m11", "m12", "m13"], Texts(around));
        Assert.False(around.Complete);
        Assert.False(around.Latest);

        var seen = Texts(around).ToList();
        var page = around;
        while (page.Latest != true)
        {
            page = Assert.IsType<HistoryPage>(await alice.RequestAsync(new HistoryRequest(Room: "lobby", After: SeqOf(page.Messages[^1]), Limit: 5)));
            Assert.False(page.Complete);
            seen.AddRange(Texts(page));
        }
        Assert.Equal(Enumerable.Range(8, 13).Select(i => $"m{i}"), seen);
    }

    [Fact]
    public async Task A_dm_conversation_pages_around_and_after_an_id_too()
    {
        await using var alice = await LogInAsync("alice");
        var ids = new List<long>();
        for (var i = 1; i <= 6; i++)
            ids.Add(Assert.IsType<Ok>(await alice.RequestAsync(new SendDirect("bob", $"d{i}"))).Dm!.Value);

        var around = Assert.IsType<HistoryPage>(await alice.RequestAsync(new HistoryRequest(With: "bob", Around: ids[1], Limit: 4)));
        var after = Assert.IsType<HistoryPage>(await alice.RequestAsync(new HistoryRequest(With: "bob", After: ids[3], Limit: 4)));

        Assert.Equal(["d1", "d2", "d3", "d4"], around.Messages.Cast<DirectMessage>().Select(m => m.Text));
        Assert.True(around.Complete);
        Assert.False(around.Latest);
        Assert.Equal(["d5", "d6"], after.Messages.Cast<DirectMessage>().Select(m => m.Text));
        Assert.True(after.Latest);
    }

    [Fact]
    public async Task A_history_request_naming_two_places_to_start_is_refused()
    {
        await using var alice = await LogInAsync("alice");

        await alice.ExpectErrorAsync(new HistoryRequest(Room: "lobby", Before: 5, After: 2), ErrorCodes.BadFrame);
        await alice.ExpectErrorAsync(new HistoryRequest(Room: "lobby", After: 2, Around: 3), ErrorCodes.BadFrame);
    }

    private static IEnumerable<string> Texts(HistoryPage page) => page.Messages.OfType<ChatMessage>().Select(m => m.Text);

    private static long SeqOf(ServerFrame line) => line switch
    {
        ChatMessage message => message.Seq,
        RoomHistoryEvent e => e.Seq!.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(line), line, "not a room's line"),
    };
}
