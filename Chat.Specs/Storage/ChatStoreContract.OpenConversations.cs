using Chat.Actors.Storage;
using Chat.Host.Storage;

namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task A_DM_opens_its_conversation_for_both_users_in_the_order_opened_read_or_not()
    {
        await CreateAccountsAsync("alice", "bob", "carol", "dave");
        await Store.AppendDirectMessageAsync(ADirectMessage("carol", "alice", "first"));
        await Store.AppendDirectMessageAsync(ADirectMessage("alice", "dave", "second"));
        var fromBob = await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "third"));
        // More messages in an open conversation do not move it.
        await Store.AppendDirectMessageAsync(ADirectMessage("carol", "alice", "again"));
        await Store.MarkDirectReadAsync("alice", "bob", fromBob!.Id);

        Assert.Equal(["carol", "dave", "bob"], (await Store.OpenConversationsAsync("alice")).Directs);
        Assert.Equal(["alice"], (await Store.OpenConversationsAsync("carol")).Directs);
        Assert.Empty((await Store.OpenConversationsAsync("alice")).Rooms);
    }

    [Fact]
    public async Task Rooms_come_in_the_order_joined_and_leave_the_list_when_left()
    {
        await CreateAccountsAsync("alice");
        // Joined a millisecond apart (what the store keeps), in an order their names do not sort in.
        await Store.AddRoomMemberAsync("lobby", "alice");
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        await Store.AddRoomMemberAsync("zoo", "alice");
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        await Store.AddRoomMemberAsync("dev", "alice");
        await Store.RemoveRoomMemberAsync("zoo", "alice");

        Assert.Equal(["lobby", "dev"], (await Store.OpenConversationsAsync("alice")).Rooms);
    }

    [Fact]
    public async Task A_closed_DM_conversation_stays_closed_for_that_user_until_the_next_DM_opens_it_again_last()
    {
        await CreateAccountsAsync("alice", "bob", "carol");
        await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "hi"));
        await Store.AppendDirectMessageAsync(ADirectMessage("carol", "alice", "hello"));

        await Store.CloseDirectAsync("alice", "bob");

        Assert.Equal(["carol"], (await Store.OpenConversationsAsync("alice")).Directs);
        Assert.Equal(["alice"], (await Store.OpenConversationsAsync("bob")).Directs);
        Assert.Single(await Store.DirectMessagesBeforeAsync("alice", "bob", long.MaxValue, 10));

        await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", "back"));

        Assert.Equal(["carol", "bob"], (await Store.OpenConversationsAsync("alice")).Directs);
    }

    [Fact]
    public async Task Open_conversations_survive_a_restart_and_a_note_to_self_opens_once()
    {
        await CreateAccountsAsync("alice", "bob");
        await Store.AppendDirectMessageAsync(ADirectMessage("alice", "alice", "note"));
        await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "hi"));

        var store = await ReopenAsync();

        Assert.Equal(["alice", "bob"], (await store.OpenConversationsAsync("alice")).Directs);
    }

    [Fact]
    public async Task Past_the_bound_a_newly_opened_DM_conversation_closes_the_oldest()
    {
        var store = await ReopenAsync(new StoreLimits { MaxOpenDirectsPerAccount = 2 });
        await CreateAccountsAsync("alice", "bob", "carol", "dave");
        await store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "1"));
        await store.AppendDirectMessageAsync(ADirectMessage("carol", "alice", "2"));
        await store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "3"));
        await store.AppendDirectMessageAsync(ADirectMessage("dave", "alice", "4"));

        Assert.Equal(["carol", "dave"], (await store.OpenConversationsAsync("alice")).Directs);
        Assert.Equal(["alice"], (await store.OpenConversationsAsync("bob")).Directs);
    }
}
