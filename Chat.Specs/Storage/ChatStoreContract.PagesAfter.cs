using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

// Paging down from the middle of history: a search hit's context, then PgDn to the newest line.
public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task A_rooms_lines_after_a_seq_come_oldest_first_up_to_the_limit_from_that_room_only()
    {
        await AppendRoomMessagesAsync("dev", 12);
        await AppendRoomMessagesAsync("games", 20);

        Assert.Equal(Range(5, 8), Seqs(await Store.RoomMessagesAfterAsync("dev", 4, 4)));
        Assert.Equal(Range(10, 12), Seqs(await Store.RoomMessagesAfterAsync("dev", 9, 50)));
        Assert.Empty(await Store.RoomMessagesAfterAsync("dev", 12, 50));
        Assert.Equal(Range(1, 3), Seqs(await Store.RoomMessagesAfterAsync("dev", 0, 3)));
    }

    [Fact]
    public async Task A_rooms_presence_lines_come_with_its_messages_after_a_seq()
    {
        await Store.AppendRoomMessageAsync(ARoomMessage("dev", 1));
        await Store.AppendRoomMessageAsync(RoomMessageRecord.Joined("dev", 2, "bob", "Bob", T0));
        await Store.AppendRoomMessageAsync(ARoomMessage("dev", 3));

        var after = await Store.RoomMessagesAfterAsync("dev", 1, 10);

        Assert.Equal(new long[] { 2, 3 }, Seqs(after));
        Assert.Equal(RoomLineEvents.Joined, after[0].Event);
        Assert.Null(after[1].Event);
    }

    [Fact]
    public async Task The_dms_after_an_id_are_those_of_the_two_users_only_oldest_first_from_either_side()
    {
        await CreateAccountsAsync("alice", "bob", "carol");
        var conversation = new List<DirectMessageRecord>();
        for (var i = 0; i < 12; i++)
        {
            var (from, to) = i % 3 == 0 ? ("bob", "alice") : ("alice", "bob");
            conversation.Add((await Store.AppendDirectMessageAsync(ADirectMessage(from, to, $"ab {i}")))!);
            await Store.AppendDirectMessageAsync(ADirectMessage("carol", "alice", $"noise {i}"));
        }

        Assert.Equal(conversation[4..9], await Store.DirectMessagesAfterAsync("alice", "bob", conversation[3].Id, 5));
        Assert.Equal(conversation[4..9], await Store.DirectMessagesAfterAsync("bob", "alice", conversation[3].Id, 5));
        Assert.Equal(conversation[10..], await Store.DirectMessagesAfterAsync("alice", "bob", conversation[9].Id, 50));
        Assert.Empty(await Store.DirectMessagesAfterAsync("alice", "bob", conversation[^1].Id, 50));
    }
}
