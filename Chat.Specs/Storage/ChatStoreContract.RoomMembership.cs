using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task Joining_makes_a_member_and_joining_again_changes_nothing()
    {
        await CreateAccountsAsync("alice");
        Assert.True(await Store.AddRoomMemberAsync("lobby", "alice"));
        await AppendRoomMessagesAsync("lobby", 3);

        Assert.False(await Store.AddRoomMemberAsync("lobby", "alice"));

        Assert.Equal(["lobby"], await Store.RoomsOfAsync("alice"));
        Assert.Equal([new RoomSummary("lobby", 1)], await Store.ListRoomsAsync());
        // A second join must not reset the read mark to the room's newest message.
        Assert.Equal([new UnreadRoom("lobby", 3)], (await Store.UnreadAsync("alice")).Rooms);
    }

    [Fact]
    public async Task Leaving_ends_only_that_membership()
    {
        await CreateAccountsAsync("alice", "bob");
        await Store.AddRoomMemberAsync("lobby", "alice");
        await Store.AddRoomMemberAsync("dev", "alice");
        await Store.AddRoomMemberAsync("lobby", "bob");

        await Store.RemoveRoomMemberAsync("lobby", "alice");
        await Store.RemoveRoomMemberAsync("lobby", "carol");

        Assert.Equal(["dev"], await Store.RoomsOfAsync("alice"));
        Assert.Equal(["lobby"], await Store.RoomsOfAsync("bob"));
        Assert.Equal([new RoomSummary("dev", 1), new RoomSummary("lobby", 1)], await Store.ListRoomsAsync());
    }

    [Fact]
    public async Task A_users_rooms_come_by_name()
    {
        await CreateAccountsAsync("alice", "bob");
        foreach (var room in new[] { "zoo", "attic", "kitchen" })
        {
            await Store.AddRoomMemberAsync(room, "alice");
        }

        await Store.AddRoomMemberAsync("bobs-den", "bob");

        Assert.Equal(["attic", "kitchen", "zoo"], await Store.RoomsOfAsync("alice"));
        Assert.Empty(await Store.RoomsOfAsync("carol"));
    }

    [Fact]
    public async Task The_room_list_counts_members_by_room_name_and_leaves_out_rooms_everyone_left()
    {
        await CreateAccountsAsync("alice", "bob", "carol");
        await Store.AddRoomMemberAsync("lobby", "alice");
        await Store.AddRoomMemberAsync("lobby", "bob");
        await Store.AddRoomMemberAsync("lobby", "carol");
        await Store.AddRoomMemberAsync("dev", "bob");
        await Store.AddRoomMemberAsync("empty", "carol");
        await Store.RemoveRoomMemberAsync("empty", "carol");

        Assert.Equal([new RoomSummary("dev", 1), new RoomSummary("lobby", 3)], await Store.ListRoomsAsync());
    }

    [Fact]
    public async Task Messages_from_before_joining_count_as_read_and_later_ones_as_unread()
    {
        await CreateAccountsAsync("alice", "bob");
        await AppendRoomMessagesAsync("lobby", 5);

        await Store.AddRoomMemberAsync("lobby", "alice");
        for (var seq = 6; seq <= 8; seq++)
        {
            await Store.AppendRoomMessageAsync(ARoomMessage("lobby", seq, "bob"));
        }

        Assert.Equal([new UnreadRoom("lobby", 3)], (await Store.UnreadAsync("alice")).Rooms);
        Assert.Empty((await Store.UnreadAsync("bob")).Rooms);
    }

    [Fact]
    public async Task Rejoining_starts_a_fresh_read_mark_at_the_rooms_newest_message()
    {
        await CreateAccountsAsync("alice");
        await Store.AddRoomMemberAsync("lobby", "alice");
        await AppendRoomMessagesAsync("lobby", 4);

        await Store.RemoveRoomMemberAsync("lobby", "alice");
        Assert.True(await Store.AddRoomMemberAsync("lobby", "alice"));

        Assert.Empty((await Store.UnreadAsync("alice")).Rooms);
    }

    [Fact]
    public async Task Marking_a_room_read_clears_its_messages_up_to_the_mark()
    {
        await CreateAccountsAsync("alice");
        await Store.AddRoomMemberAsync("lobby", "alice");
        await AppendRoomMessagesAsync("lobby", 8);

        await Store.MarkRoomReadAsync("lobby", "alice", 6);
        Assert.Equal([new UnreadRoom("lobby", 2)], (await Store.UnreadAsync("alice")).Rooms);

        await Store.MarkRoomReadAsync("lobby", "alice", 8);
        Assert.Empty((await Store.UnreadAsync("alice")).Rooms);
    }

    [Fact]
    public async Task A_room_read_mark_never_moves_back()
    {
        await CreateAccountsAsync("alice");
        await Store.AddRoomMemberAsync("lobby", "alice");
        await AppendRoomMessagesAsync("lobby", 8);

        await Store.MarkRoomReadAsync("lobby", "alice", 8);
        await Store.MarkRoomReadAsync("lobby", "alice", 2);
        await Store.AppendRoomMessageAsync(ARoomMessage("lobby", 9));

        Assert.Equal([new UnreadRoom("lobby", 1)], (await Store.UnreadAsync("alice")).Rooms);
    }

    [Fact]
    public async Task A_room_read_mark_past_the_newest_message_does_not_swallow_later_ones()
    {
        await CreateAccountsAsync("alice");
        await Store.AddRoomMemberAsync("lobby", "alice");
        await AppendRoomMessagesAsync("lobby", 3);

        await Store.MarkRoomReadAsync("lobby", "alice", 1000);
        await Store.AppendRoomMessageAsync(ARoomMessage("lobby", 4));

        Assert.Equal([new UnreadRoom("lobby", 1)], (await Store.UnreadAsync("alice")).Rooms);
    }

    [Fact]
    public async Task Marking_read_a_room_one_is_not_in_changes_nothing()
    {
        await CreateAccountsAsync("alice");
        await AppendRoomMessagesAsync("lobby", 3);

        await Store.MarkRoomReadAsync("lobby", "alice", 3);

        Assert.Empty(await Store.RoomsOfAsync("alice"));
        Assert.Empty(await Store.ListRoomsAsync());
    }

    [Fact]
    public async Task Unread_rooms_come_by_name_and_rooms_with_nothing_unread_are_left_out()
    {
        await CreateAccountsAsync("alice");
        foreach (var room in new[] { "zoo", "quiet", "attic" })
        {
            await Store.AddRoomMemberAsync(room, "alice");
        }

        await AppendRoomMessagesAsync("zoo", 2);
        await AppendRoomMessagesAsync("attic", 1);
        await AppendRoomMessagesAsync("elsewhere", 5);

        Assert.Equal([new UnreadRoom("attic", 1), new UnreadRoom("zoo", 2)], (await Store.UnreadAsync("alice")).Rooms);
    }
}
