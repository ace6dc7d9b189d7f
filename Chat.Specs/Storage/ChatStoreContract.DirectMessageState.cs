using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task Unread_direct_messages_count_per_sender_by_name_and_only_for_the_recipient()
    {
        await CreateAccountsAsync("alice", "bob", "carol");
        await Store.AppendDirectMessageAsync(ADirectMessage("carol", "alice", "one"));
        await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "two"));
        await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "three"));
        await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", "back"));

        Assert.Equal([new UnreadDirect("bob", 2), new UnreadDirect("carol", 1)], (await Store.UnreadAsync("alice")).Direct);
        Assert.Equal([new UnreadDirect("alice", 1)], (await Store.UnreadAsync("bob")).Direct);
        Assert.Empty((await Store.UnreadAsync("carol")).Direct);
    }

    [Fact]
    public async Task Marking_direct_messages_read_clears_that_sender_up_to_the_id_and_not_beyond()
    {
        await CreateAccountsAsync("alice", "bob", "carol");
        await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "one"));
        var second = await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "two"));
        await Store.AppendDirectMessageAsync(ADirectMessage("carol", "alice", "meanwhile"));
        await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "three"));
        await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", "reply"));

        await Store.MarkDirectReadAsync("alice", "bob", second!.Id);

        Assert.Equal([new UnreadDirect("bob", 1), new UnreadDirect("carol", 1)], (await Store.UnreadAsync("alice")).Direct);
        // Alice reading her side leaves what she sent unread for bob.
        Assert.Equal([new UnreadDirect("alice", 1)], (await Store.UnreadAsync("bob")).Direct);
        var fromBob = (await Store.DirectMessagesBeforeAsync("alice", "bob", long.MaxValue, 10)).Where(m => m.From == "bob");
        Assert.Equal([true, true, false], fromBob.Select(m => m.Read));
    }

    [Fact]
    public async Task Undelivered_direct_messages_come_oldest_first_for_the_recipient_only_up_to_the_limit()
    {
        await CreateAccountsAsync("alice", "bob", "carol");
        var sent = new List<DirectMessageRecord>();
        for (var i = 0; i < 4; i++)
        {
            sent.Add((await Store.AppendDirectMessageAsync(ADirectMessage(i % 2 == 0 ? "bob" : "carol", "alice", $"m{i}")))!);
            await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", $"to bob {i}"));
        }

        Assert.Equal(sent, await Store.UndeliveredDirectMessagesAsync("alice", 10));
        Assert.Equal(sent[..3], await Store.UndeliveredDirectMessagesAsync("alice", 3));
        Assert.Empty(await Store.UndeliveredDirectMessagesAsync("carol", 10));
    }

    [Fact]
    public async Task Marking_delivered_takes_the_recipients_messages_up_to_the_id_and_leaves_them_unread()
    {
        await CreateAccountsAsync("alice", "bob");
        var first = (await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "one")))!;
        var toBob = (await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", "in between")))!;
        var second = (await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "two")))!;
        var third = (await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "three")))!;

        await Store.MarkDeliveredAsync("alice", second.Id);

        Assert.Equal([third], await Store.UndeliveredDirectMessagesAsync("alice", 10));
        Assert.Equal([toBob], await Store.UndeliveredDirectMessagesAsync("bob", 10));
        Assert.Equal([new UnreadDirect("bob", 3)], (await Store.UnreadAsync("alice")).Direct);
        Assert.Equal(
            [(first.Id, true), (toBob.Id, false), (second.Id, true), (third.Id, false)],
            (await Store.DirectMessagesBeforeAsync("alice", "bob", long.MaxValue, 10)).Select(m => (m.Id, m.Delivered)));
    }

    [Fact]
    public async Task Last_seen_is_empty_until_set_and_then_read_back()
    {
        await CreateAccountsAsync("alice", "bob");
        Assert.Null((await Store.FindAccountAsync("alice"))!.LastSeen);

        await Store.SetLastSeenAsync("alice", T0.AddHours(1));
        await Store.SetLastSeenAsync("alice", T0.AddHours(2));

        var alice = await Store.FindAccountAsync("alice");
        Assert.Equal(AnAccount("alice") with { LastSeen = T0.AddHours(2) }, alice);
        Assert.Equal(DateTimeKind.Utc, alice!.LastSeen!.Value.Kind);
        Assert.Null((await Store.FindAccountAsync("bob"))!.LastSeen);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.SetLastSeenAsync("ghost", T0));
    }
}
