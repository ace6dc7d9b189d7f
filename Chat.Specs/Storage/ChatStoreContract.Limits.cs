using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Protocol;

namespace Chat.Specs.Storage;

/// <summary>The bounds the store keeps (chat.store in hocon/host.conf), each filled, with the error a refusal carries.</summary>
public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task A_room_keeps_its_newest_messages_up_to_the_bound()
    {
        var store = await ReopenAsync(new StoreLimits { MaxMessagesPerRoom = 10 });

        for (var seq = 1; seq <= 30; seq++)
            await store.AppendRoomMessageAsync(new RoomMessageRecord("lobby", seq, "alice", "alice", $"m{seq}", T0.AddSeconds(seq)));
        await store.AppendRoomMessageAsync(new RoomMessageRecord("dev", 1, "alice", "alice", "other room", T0));

        var kept = await store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 100);
        Assert.Equal(Enumerable.Range(21, 10).Select(i => (long)i), kept.Select(m => m.Seq));
        Assert.Single(await store.RoomMessagesBeforeAsync("dev", long.MaxValue, 100));
    }

    [Fact]
    public async Task Room_messages_older_than_the_age_bound_go_as_new_ones_arrive()
    {
        var store = await ReopenAsync(new StoreLimits { MaxMessagesPerRoom = 0, MaxMessageAge = TimeSpan.FromDays(1) });

        for (var seq = 1; seq <= 3; seq++)
            await store.AppendRoomMessageAsync(new RoomMessageRecord("lobby", seq, "alice", "alice", "old", T0.AddMinutes(seq)));
        for (var seq = 4; seq <= 5; seq++)
            await store.AppendRoomMessageAsync(new RoomMessageRecord("lobby", seq, "alice", "alice", "new", T0.AddDays(2).AddMinutes(seq)));

        Assert.Equal(["new", "new"], (await store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 100)).Select(m => m.Text));
    }

    [Fact]
    public async Task Direct_messages_waiting_for_one_recipient_stop_at_the_bound_with_recipient_full()
    {
        var store = await ReopenAsync(new StoreLimits { MaxWaitingDirectMessages = 3 });
        await store.CreateAccountAsync(new Account("alice", "h", "alice", T0));
        await store.CreateAccountAsync(new Account("bob", "h", "bob", T0));

        for (var i = 0; i < 3; i++)
            Assert.NotNull(await store.AppendDirectMessageAsync(new NewDirectMessage("bob", "bob", "alice", $"dm {i}", T0)));
        var full = await Assert.ThrowsAsync<StoreLimitReachedException>(() => store.AppendDirectMessageAsync(new NewDirectMessage("bob", "bob", "alice", "one too many", T0)));

        Assert.Equal(ErrorCodes.RecipientFull, full.Code);
        Assert.Contains("alice", full.Message);
        var waiting = await store.UndeliveredDirectMessagesAsync("alice", 10);
        Assert.Equal(3, waiting.Count);
        Assert.NotNull(await store.AppendDirectMessageAsync(new NewDirectMessage("alice", "alice", "bob", "the other way is open", T0)));

        await store.MarkDeliveredAsync("alice", waiting[^1].Id);
        Assert.NotNull(await store.AppendDirectMessageAsync(new NewDirectMessage("bob", "bob", "alice", "after delivery", T0)));
    }

    [Fact]
    public async Task An_account_keeps_its_newest_resume_tokens_up_to_the_bound()
    {
        var store = await ReopenAsync(new StoreLimits { MaxResumeTokensPerAccount = 3 });
        await store.CreateAccountAsync(new Account("alice", "h", "alice", T0));
        await store.CreateAccountAsync(new Account("bob", "h", "bob", T0));
        await store.StoreResumeTokenAsync("bob-token", "bob", T0, T0.AddDays(14));

        for (var i = 0; i < 5; i++)
            await store.StoreResumeTokenAsync($"token-{i}", "alice", T0.AddMinutes(i), T0.AddMinutes(i).AddDays(14));

        var now = T0.AddHours(1);
        Assert.Null(await store.TakeResumeTokenAsync("token-0", now));
        Assert.Null(await store.TakeResumeTokenAsync("token-1", now));
        foreach (var kept in new[] { "token-2", "token-3", "token-4" })
            Assert.Equal("alice", (await store.TakeResumeTokenAsync(kept, now))?.Username);
        Assert.Equal("bob", (await store.TakeResumeTokenAsync("bob-token", now))?.Username);
    }

    [Fact]
    public async Task An_account_joins_rooms_up_to_the_bound_and_the_lobby_is_never_refused()
    {
        var store = await ReopenAsync(new StoreLimits { MaxRoomsPerAccount = 3 });

        foreach (var room in new[] { "one", "two", "three" })
            Assert.True(await store.AddRoomMemberAsync(room, "alice"));
        var refused = await Assert.ThrowsAsync<StoreLimitReachedException>(() => store.AddRoomMemberAsync("four", "alice"));

        Assert.Equal(ErrorCodes.TooManyRooms, refused.Code);
        Assert.False(await store.AddRoomMemberAsync("two", "alice")); // a member already: no new room
        Assert.True(await store.AddRoomMemberAsync(RoomNames.Lobby, "alice"));
        // The lobby counts: four memberships now, so two must go for a new one.
        await store.RemoveRoomMemberAsync("one", "alice");
        await Assert.ThrowsAsync<StoreLimitReachedException>(() => store.AddRoomMemberAsync("four", "alice"));
        await store.RemoveRoomMemberAsync("two", "alice");
        Assert.True(await store.AddRoomMemberAsync("four", "alice"));
    }

    [Fact]
    public async Task New_rooms_stop_at_the_hosts_bound_while_existing_ones_take_members()
    {
        var store = await ReopenAsync(new StoreLimits { MaxRooms = 2 });
        Assert.True(await store.AddRoomMemberAsync("one", "alice"));
        Assert.True(await store.AddRoomMemberAsync("two", "bob"));

        var refused = await Assert.ThrowsAsync<StoreLimitReachedException>(() => store.AddRoomMemberAsync("three", "carol"));

        Assert.Equal(ErrorCodes.TooManyRooms, refused.Code);
        Assert.True(await store.AddRoomMemberAsync("one", "carol"));
        Assert.True(await store.AddRoomMemberAsync(RoomNames.Lobby, "carol"));
    }

    [Fact]
    public async Task A_room_is_created_by_the_join_that_makes_it_and_keeps_its_creator()
    {
        Assert.True(await Store.AddRoomMemberAsync("dev", "alice"));
        Assert.True(await Store.AddRoomMemberAsync("dev", "bob"));
        await Store.RemoveRoomMemberAsync("dev", "alice");
        await Store.RemoveRoomMemberAsync("dev", "bob");
        Assert.True(await Store.AddRoomMemberAsync("dev", "carol"));
        Assert.True(await Store.AddRoomMemberAsync(RoomNames.Lobby, "carol"));

        Assert.Equal("alice", await Store.RoomCreatorAsync("dev"));
        Assert.Null(await Store.RoomCreatorAsync(RoomNames.Lobby));
        Assert.Null(await Store.RoomCreatorAsync("never-made"));
    }

    [Fact]
    public async Task An_account_creates_rooms_up_to_the_bound_and_still_joins_rooms_that_exist()
    {
        var store = await ReopenAsync(new StoreLimits { MaxRoomsCreatedPerAccount = 2 });
        Assert.True(await store.AddRoomMemberAsync("one", "alice"));
        Assert.True(await store.AddRoomMemberAsync("two", "alice"));
        // Leaving gives no creation back: the rooms stay, with their history.
        await store.RemoveRoomMemberAsync("one", "alice");
        await store.RemoveRoomMemberAsync("two", "alice");

        var refused = await Assert.ThrowsAsync<StoreLimitReachedException>(() => store.AddRoomMemberAsync("three", "alice"));

        Assert.Equal((ErrorCodes.TooManyRoomsCreated, true), (refused.Code, refused.Message.Contains("created 2 rooms", StringComparison.Ordinal)));
        Assert.Null(await store.RoomCreatorAsync("three"));
        Assert.True(await store.AddRoomMemberAsync("one", "alice"));
        Assert.True(await store.AddRoomMemberAsync("four", "bob"));
        Assert.True(await store.AddRoomMemberAsync("four", "alice"));
        Assert.True(await store.AddRoomMemberAsync(RoomNames.Lobby, "alice"));
        Assert.Equal("bob", await store.RoomCreatorAsync("four"));
    }

    [Fact]
    public async Task A_room_takes_members_up_to_the_bound_and_the_lobby_takes_everyone()
    {
        var store = await ReopenAsync(new StoreLimits { MaxMembersPerRoom = 2 });
        Assert.True(await store.AddRoomMemberAsync("dev", "alice"));
        Assert.True(await store.AddRoomMemberAsync("dev", "bob"));

        var refused = await Assert.ThrowsAsync<StoreLimitReachedException>(() => store.AddRoomMemberAsync("dev", "carol"));

        Assert.Equal(ErrorCodes.RoomFull, refused.Code);
        foreach (var user in new[] { "alice", "bob", "carol" })
            Assert.True(await store.AddRoomMemberAsync(RoomNames.Lobby, user));
        await store.RemoveRoomMemberAsync("dev", "bob");
        Assert.True(await store.AddRoomMemberAsync("dev", "carol"));
    }

    [Fact]
    public async Task A_refused_write_leaves_the_writes_submitted_with_it_stored()
    {
        var store = await ReopenAsync(new StoreLimits { MaxWaitingDirectMessages = 1 });
        await CreateAccountsAsync("alice", "bob");
        Assert.NotNull(await store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "the one that fits")));

        var refused = store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "one too many"));
        var stored = store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", "the other way"));
        var message = store.AppendRoomMessageAsync(ARoomMessage("lobby", 1));

        await Assert.ThrowsAsync<StoreLimitReachedException>(() => refused);
        Assert.NotNull(await stored);
        await message;
        Assert.Equal(["the other way"], (await store.UndeliveredDirectMessagesAsync("bob", 10)).Select(m => m.Text));
        Assert.Equal(Range(1, 1), Seqs(await ReadWholeRoomAsync(store, "lobby", 10)));
    }
}
