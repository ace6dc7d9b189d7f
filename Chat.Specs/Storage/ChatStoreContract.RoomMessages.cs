namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task An_empty_room_has_last_seq_zero_and_no_history()
    {
        Assert.Equal(0, await Store.LastRoomSeqAsync("lobby"));
        Assert.Empty(await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 50));
    }

    [Fact]
    public async Task The_last_seq_is_the_highest_stored_in_that_room()
    {
        await AppendRoomMessagesAsync("lobby", 3);
        await AppendRoomMessagesAsync("games", 7);

        Assert.Equal(3, await Store.LastRoomSeqAsync("lobby"));
        Assert.Equal(7, await Store.LastRoomSeqAsync("games"));
        Assert.Equal(0, await Store.LastRoomSeqAsync("empty"));
    }

    [Fact]
    public async Task Deleting_a_rooms_messages_up_to_a_seq_keeps_later_ones_and_other_rooms()
    {
        await AppendRoomMessagesAsync("dev", 5);
        await AppendRoomMessagesAsync("games", 2);

        await Store.DeleteRoomMessagesAsync("dev", 3);

        Assert.Equal(new long[] { 4, 5 }, Seqs(await Store.RoomMessagesBeforeAsync("dev", long.MaxValue, 50)));
        Assert.Equal(new long[] { 1, 2 }, Seqs(await Store.RoomMessagesBeforeAsync("games", long.MaxValue, 50)));
    }

    [Fact]
    public async Task A_stored_room_message_reads_back_unchanged()
    {
        var message = ARoomMessage("lobby", 1) with { Text = "héllo 👋 \"quoted\" \n second line" };

        await Store.AppendRoomMessageAsync(message);

        var read = Assert.Single(await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10));
        Assert.Equal(message, read);
        Assert.Equal(DateTimeKind.Utc, read.Ts.Kind);
    }

    [Fact]
    public async Task Fewer_messages_than_a_page_come_back_all_oldest_first()
    {
        await AppendRoomMessagesAsync("lobby", 3);

        Assert.Equal(new long[] { 1, 2, 3 }, Seqs(await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 50)));
    }

    [Fact]
    public async Task Exactly_one_page_comes_back_whole_and_nothing_lies_before_it()
    {
        await AppendRoomMessagesAsync("lobby", 10);

        var page = await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10);

        Assert.Equal(Range(1, 10), Seqs(page));
        Assert.Empty(await Store.RoomMessagesBeforeAsync("lobby", page[0].Seq, 10));
    }

    [Fact]
    public async Task Paging_back_from_the_newest_walks_the_whole_history_once()
    {
        await AppendRoomMessagesAsync("lobby", 95);

        var pages = new List<long[]>();
        var before = long.MaxValue;
        IReadOnlyList<Actors.Storage.RoomMessageRecord> page;
        while ((page = await Store.RoomMessagesBeforeAsync("lobby", before, 10)).Count > 0)
        {
            pages.Add(Seqs(page));
            before = page[0].Seq;
        }

        Assert.Equal(10, pages.Count);
        Assert.Equal(Range(86, 95), pages[0]);
        Assert.Equal(Range(1, 5), pages[^1]);
        Assert.Equal(Range(1, 95), pages.AsEnumerable().Reverse().SelectMany(p => p).ToArray());
    }

    [Fact]
    public async Task The_cursor_is_exclusive_and_the_limit_takes_the_newest_before_it()
    {
        await AppendRoomMessagesAsync("lobby", 20);

        Assert.Empty(await Store.RoomMessagesBeforeAsync("lobby", 1, 10));
        Assert.Equal(new long[] { 1 }, Seqs(await Store.RoomMessagesBeforeAsync("lobby", 2, 10)));
        Assert.Equal(new long[] { 12, 13, 14 }, Seqs(await Store.RoomMessagesBeforeAsync("lobby", 15, 3)));
        Assert.Equal(new long[] { 20 }, Seqs(await Store.RoomMessagesBeforeAsync("lobby", 21, 1)));
        Assert.Empty(await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 0));
    }

    [Fact]
    public async Task Rooms_do_not_mix()
    {
        await AppendRoomMessagesAsync("lobby", 5);
        await AppendRoomMessagesAsync("lobby2", 5);
        await AppendRoomMessagesAsync("lobb", 5);

        var lobby = await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 100);

        Assert.Equal(Range(1, 5), Seqs(lobby));
        Assert.All(lobby, message => Assert.Equal("lobby", message.Room));
    }

    [Fact]
    public async Task A_negative_limit_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, -1));
    }
}
