using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task A_direct_message_comes_back_with_its_id_and_undelivered_unread()
    {
        await CreateAccountsAsync("alice", "bob");
        var sent = new NewDirectMessage("alice", "Alice", "bob", "hi bob", T0);

        var stored = await Store.AppendDirectMessageAsync(sent);

        Assert.NotNull(stored);
        Assert.Equal(new DirectMessageRecord(stored.Id, "alice", "Alice", "bob", "hi bob", T0, Delivered: false, Read: false), stored);
        Assert.Equal(DateTimeKind.Utc, stored.Ts.Kind);
        Assert.Equal([stored], await Store.DirectMessagesBeforeAsync("bob", "alice", long.MaxValue, 10));
    }

    [Fact]
    public async Task Later_direct_messages_get_higher_ids()
    {
        await CreateAccountsAsync("alice", "bob");

        var first = await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", "one"));
        var second = await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "two"));

        Assert.True(second!.Id > first!.Id);
    }

    [Fact]
    public async Task A_direct_message_to_an_unknown_user_is_not_stored()
    {
        await CreateAccountsAsync("alice");

        Assert.Null(await Store.AppendDirectMessageAsync(ADirectMessage("alice", "nobody", "hello?")));

        Assert.Empty(await Store.DirectMessagesBeforeAsync("alice", "nobody", long.MaxValue, 10));
        Assert.Null(await Store.FindAccountAsync("nobody"));
    }

    [Fact]
    public async Task A_conversation_pages_both_directions_together_and_no_other_pair()
    {
        await CreateAccountsAsync("alice", "bob", "carol");
        var conversation = new List<DirectMessageRecord>();
        for (var i = 0; i < 25; i++)
        {
            var (from, to) = i % 3 == 0 ? ("bob", "alice") : ("alice", "bob");
            conversation.Add((await Store.AppendDirectMessageAsync(ADirectMessage(from, to, $"ab {i}")))!);
            await Store.AppendDirectMessageAsync(ADirectMessage("carol", i % 2 == 0 ? "alice" : "bob", $"noise {i}"));
            await Store.AppendDirectMessageAsync(ADirectMessage("alice", "carol", $"noise back {i}"));
        }

        var newest = await Store.DirectMessagesBeforeAsync("alice", "bob", long.MaxValue, 10);
        var fromTheOtherSide = await Store.DirectMessagesBeforeAsync("bob", "alice", long.MaxValue, 10);
        var middle = await Store.DirectMessagesBeforeAsync("alice", "bob", newest[0].Id, 10);
        var oldest = await Store.DirectMessagesBeforeAsync("bob", "alice", middle[0].Id, 10);

        Assert.Equal(conversation[15..], newest);
        Assert.Equal(newest, fromTheOtherSide);
        Assert.Equal(conversation[5..15], middle);
        Assert.Equal(conversation[..5], oldest);
        Assert.Empty(await Store.DirectMessagesBeforeAsync("alice", "bob", oldest[0].Id, 10));
    }

    [Fact]
    public async Task The_direct_message_cursor_is_exclusive_and_the_limit_honoured()
    {
        await CreateAccountsAsync("alice", "bob");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", $"m{i}")))!.Id);
        }

        Assert.Empty(await Store.DirectMessagesBeforeAsync("alice", "bob", ids[0], 10));
        Assert.Equal(ids[2..4], (await Store.DirectMessagesBeforeAsync("alice", "bob", ids[4], 2)).Select(m => m.Id));
        Assert.Empty(await Store.DirectMessagesBeforeAsync("alice", "bob", long.MaxValue, 0));
    }

    [Fact]
    public async Task Messages_to_oneself_are_a_conversation_of_their_own()
    {
        await CreateAccountsAsync("alice", "bob");
        var note = await Store.AppendDirectMessageAsync(ADirectMessage("alice", "alice", "note to self"));
        await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", "hi"));

        Assert.Equal([note!], await Store.DirectMessagesBeforeAsync("alice", "alice", long.MaxValue, 10));
    }
}
