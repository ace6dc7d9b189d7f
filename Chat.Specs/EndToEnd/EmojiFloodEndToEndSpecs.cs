using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// Issue 17, first row: 50 lines of 2,000 emoji made the lobby's page a frame larger than a
/// connection may hold, and cut off every later login, even after a restart; 50 such DMs to an
/// offline user cut off their first login and were marked delivered though none was sent.
/// </summary>
public sealed class EmojiFloodEndToEndSpecs() : EndToEndSpec(null, "mallory", "alice", "bob")
{
    private const int Lines = 50;
    private const int OutboundQueueBytes = 1048576;
    private static readonly string EmojiLine = string.Concat(Enumerable.Repeat("😀", 2000));

    [Fact]
    public async Task After_an_emoji_flood_in_the_lobby_a_login_works_and_pages_through_all_of_it_even_after_a_restart()
    {
        var said = new HashSet<long>();
        await using (var mallory = await LogInAsync("mallory"))
            for (var i = 0; i < Lines; i++)
                said.Add(Assert.IsType<Ok>(await mallory.RequestAsync(new Say("lobby", EmojiLine))).Seq!.Value);
        await Host.RestartAsync();

        await using var alice = await LogInAsync("alice");
        await alice.ExpectAsync<Unread>();
        var page = await alice.ExpectAsync<HistoryPage>(p => p.Room == "lobby");
        Assert.False(page.Complete);
        var seen = new HashSet<long>(page.Messages.OfType<ChatMessage>().Select(m => m.Seq));
        while (!page.Complete)
        {
            var oldest = page.Messages.OfType<ChatMessage>().Min(m => m.Seq);
            page = Assert.IsType<HistoryPage>(await alice.RequestAsync(new HistoryRequest(Room: "lobby", Before: oldest, Limit: 200)));
            Assert.NotEmpty(page.Messages);
            seen.UnionWith(page.Messages.OfType<ChatMessage>().Select(m => m.Seq));
        }

        Assert.Superset(said, seen);
        Assert.All(page.Messages.OfType<ChatMessage>(), m => Assert.Equal(EmojiLine, m.Text));
        // The emoji went out as UTF-8 (4 bytes each), not as \uXXXX\uXXXX (12): one line is about 8 KB.
        Assert.InRange(alice.LargestLineBytes, 1, OutboundQueueBytes / 4);
        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "still here")));
    }

    [Fact]
    public async Task After_an_emoji_flood_of_dms_to_someone_offline_their_login_works_pages_through_all_and_gets_the_rest_later()
    {
        var sent = new List<long>();
        await using (var mallory = await LogInAsync("mallory"))
            for (var i = 0; i < Lines; i++)
                sent.Add(Assert.IsType<Ok>(await mallory.RequestAsync(new SendDirect("bob", EmojiLine))).Dm!.Value);

        var deliveredFirst = new List<long>();
        await using (var bob = await LogInAsync("bob"))
        {
            var unread = await bob.ExpectAsync<Unread>();
            Assert.Contains(new UnreadConversation(Lines) { With = "mallory" }, unread.Conversations);
            // The DMs that arrived at login came before the lobby's page; a ping's pong marks the end.
            await bob.ExpectAsync<HistoryPage>(p => p.Room == "lobby");
            await bob.RequestAsync(new Ping());
            while (bob.TryTake<DirectMessage>() is { } dm)
                deliveredFirst.Add(dm.Id);
            Assert.NotEmpty(deliveredFirst);
            Assert.Equal(sent.Take(deliveredFirst.Count), deliveredFirst);

            var all = new HashSet<long>();
            var page = Assert.IsType<HistoryPage>(await bob.RequestAsync(new HistoryRequest(With: "mallory")));
            all.UnionWith(page.Messages.Cast<DirectMessage>().Select(m => m.Id));
            while (!page.Complete)
            {
                page = Assert.IsType<HistoryPage>(await bob.RequestAsync(new HistoryRequest(With: "mallory", Before: all.Min())));
                all.UnionWith(page.Messages.Cast<DirectMessage>().Select(m => m.Id));
            }
            Assert.Equal(sent.ToHashSet(), all);
        }

        // Only what was written to bob's connection was marked delivered: the rest come now, and nothing twice.
        await using var bobAgain = await LogInAsync("bob");
        await bobAgain.ExpectAsync<HistoryPage>(p => p.Room == "lobby");
        await bobAgain.RequestAsync(new Ping());
        var deliveredNext = new List<long>();
        while (bobAgain.TryTake<DirectMessage>() is { } dm)
            deliveredNext.Add(dm.Id);
        Assert.Equal(sent.Skip(deliveredFirst.Count).Take(deliveredNext.Count), deliveredNext);
        Assert.NotEmpty(deliveredNext);
    }
}
