using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

/// <summary>Joins, leaves and nickname changes in a room's history: numbered with its messages, read back in pages, never found or counted unread.</summary>
public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task Joins_leaves_and_renames_read_back_with_the_messages_in_seq_order_and_count_toward_a_page()
    {
        await Store.AppendRoomMessageAsync(RoomMessageRecord.Joined("dev", 1, "bob", "bob", T0));
        await Store.AppendRoomMessageAsync(ARoomMessage("dev", 2, "bob"));
        await Store.AppendRoomMessageAsync(RoomMessageRecord.Renamed("dev", 3, "bob", "bob", "Bobcat", T0.AddSeconds(3)));
        await Store.AppendRoomMessageAsync(ARoomMessage("dev", 5, "bob"));
        // A leave held for its grace is stored after what came behind it, with the seq it was given.
        await Store.AppendRoomMessageAsync(RoomMessageRecord.Left("dev", 4, "bob", "Bobcat", T0.AddSeconds(4)));

        var all = await Store.RoomMessagesBeforeAsync("dev", long.MaxValue, 10);
        Assert.Equal([RoomLineEvents.Joined, null, RoomLineEvents.Nick, RoomLineEvents.Left, null], all.Select(m => m.Event));
        Assert.Equal(Range(1, 5), Seqs(all));
        Assert.Equal(RoomMessageRecord.Renamed("dev", 3, "bob", "bob", "Bobcat", T0.AddSeconds(3)), all[2]);
        Assert.Equal(RoomMessageRecord.Left("dev", 4, "bob", "Bobcat", T0.AddSeconds(4)), all[3]);
        Assert.Equal(Range(4, 5), Seqs(await Store.RoomMessagesBeforeAsync("dev", long.MaxValue, 2)));
        Assert.Equal(5, await Store.LastRoomSeqAsync("dev"));
    }

    [Fact]
    public async Task Joins_leaves_and_renames_are_not_found_by_search_nor_counted_unread()
    {
        await CreateAccountsAsync("alice");
        Assert.True(await Store.AddRoomMemberAsync("lobby", "alice"));
        await Store.AppendRoomMessageAsync(RoomMessageRecord.Joined("lobby", 1, "deploy", "deploy", T0));
        await Store.AppendRoomMessageAsync(RoomMessageRecord.Renamed("lobby", 2, "bob", "deploy", "bob", T0));
        await Store.AppendRoomMessageAsync(ARoomMessage("lobby", 3, "bob") with { Text = "deploy now" });
        await Store.AppendRoomMessageAsync(RoomMessageRecord.Left("lobby", 4, "bob", "bob", T0));

        Assert.Equal([3L], (await Store.SearchRoomAsync("lobby", "deploy", 10)).Select(m => m.Seq));
        Assert.Equal([new UnreadRoom("lobby", 1)], (await Store.UnreadAsync("alice")).Rooms);
        // A read mark may name a presence line: it is the newest line there is.
        await Store.MarkRoomReadAsync("lobby", "alice", 4);
        Assert.Empty((await Store.UnreadAsync("alice")).Rooms);
    }
}

// A leave is stored when it happens and taken back when its member returned within the grace.
public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task A_presence_line_is_deleted_by_its_seq_and_a_message_never_is()
    {
        await Store.AppendRoomMessageAsync(ARoomMessage("dev", 1, "bob"));
        await Store.AppendRoomMessageAsync(RoomMessageRecord.Left("dev", 2, "bob", "bob", T0));
        await Store.AppendRoomMessageAsync(RoomMessageRecord.Left("games", 2, "bob", "bob", T0));

        await Store.DeletePresenceLineAsync("dev", 2);
        await Store.DeletePresenceLineAsync("dev", 1);

        Assert.Equal(new long[] { 1 }, Seqs(await Store.RoomMessagesBeforeAsync("dev", long.MaxValue, 10)));
        Assert.Equal(new long[] { 2 }, Seqs(await Store.RoomMessagesBeforeAsync("games", long.MaxValue, 10)));
    }
}
