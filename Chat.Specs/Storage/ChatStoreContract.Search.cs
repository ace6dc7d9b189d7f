using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task Search_finds_messages_of_one_room_with_every_word_newest_first_up_to_the_limit()
    {
        await Store.AppendRoomMessageAsync(ARoomMessage("lobby", 1) with { Text = "the Deploy went fine" });
        await Store.AppendRoomMessageAsync(ARoomMessage("lobby", 2) with { Text = "lunch at noon" });
        await Store.AppendRoomMessageAsync(ARoomMessage("lobby", 3) with { Text = "deploy again? it went badly" });
        await Store.AppendRoomMessageAsync(ARoomMessage("lobby", 4) with { Text = "deploy later" });
        await Store.AppendRoomMessageAsync(ARoomMessage("dev", 1) with { Text = "deploy went fine in dev" });

        Assert.Equal([3L, 1L], (await Store.SearchRoomAsync("lobby", "went deploy", 10)).Select(m => m.Seq));
        Assert.Equal([4L, 3L], (await Store.SearchRoomAsync("lobby", "DEPLOY", 2)).Select(m => m.Seq));
        Assert.Equal("deploy went fine in dev", Assert.Single(await Store.SearchRoomAsync("dev", "went", 10)).Text);
        Assert.Empty(await Store.SearchRoomAsync("lobby", "deploys", 10));
        // Query syntax is just text: quotes, stars and operators find words or nothing, never fail.
        Assert.Equal([1L], (await Store.SearchRoomAsync("lobby", "\"fine\" * ( -", 10)).Select(m => m.Seq));
        Assert.Empty(await Store.SearchRoomAsync("lobby", " *\" ", 10));
    }

    [Fact]
    public async Task Search_in_DMs_sees_only_the_conversation_between_the_two()
    {
        await CreateAccountsAsync("alice", "bob", "carol");
        await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "the 日本語 docs"));
        await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", "which docs?"));
        await Store.AppendDirectMessageAsync(ADirectMessage("carol", "alice", "docs for carol"));

        Assert.Equal(["which docs?", "the 日本語 docs"], (await Store.SearchDirectAsync("alice", "bob", "docs", 10)).Select(m => m.Text));
        Assert.Equal(["which docs?", "the 日本語 docs"], (await Store.SearchDirectAsync("bob", "alice", "Docs", 10)).Select(m => m.Text));
        Assert.Equal(["docs for carol"], (await Store.SearchDirectAsync("carol", "alice", "docs", 10)).Select(m => m.Text));
    }

    [Fact]
    public async Task Pruned_history_is_no_longer_found_and_search_works_after_a_restart()
    {
        var store = await ReopenAsync(new Chat.Host.Storage.StoreLimits { MaxMessagesPerRoom = 2 });
        await store.AppendRoomMessageAsync(ARoomMessage("lobby", 1) with { Text = "needle one" });
        await store.AppendRoomMessageAsync(ARoomMessage("lobby", 2) with { Text = "needle two" });
        await store.AppendRoomMessageAsync(ARoomMessage("lobby", 3) with { Text = "needle three" });

        store = await ReopenAsync();

        Assert.Equal([3L, 2L], (await store.SearchRoomAsync("lobby", "needle", 10)).Select(m => m.Seq));
    }
}
