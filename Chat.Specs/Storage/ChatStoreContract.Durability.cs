using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task A_thousand_simultaneous_appends_all_complete_and_are_all_stored()
    {
        var appends = Enumerable.Range(1, 1000)
            .Select(seq => Task.Run(() => Store.AppendRoomMessageAsync(ARoomMessage("lobby", seq))))
            .ToArray();

        await Task.WhenAll(appends);

        Assert.Equal(1000, await Store.LastRoomSeqAsync("lobby"));
        Assert.Equal(Range(1, 1000), Seqs(await ReadWholeRoomAsync(Store, "lobby", 100)));
    }

    [Fact]
    public async Task A_failing_write_fails_alone_and_the_writes_around_it_are_stored()
    {
        // Submitted together, so with group commit they most likely share a transaction.
        var first = Store.AppendRoomMessageAsync(ARoomMessage("lobby", 1));
        var duplicate = Store.AppendRoomMessageAsync(ARoomMessage("lobby", 1) with { Text = "duplicate" });
        var after = Store.AppendRoomMessageAsync(ARoomMessage("lobby", 2));
        var account = Store.CreateAccountAsync(AnAccount("alice"));

        await first;
        await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        await after;
        Assert.True(await account);

        Assert.Equal([ARoomMessage("lobby", 1), ARoomMessage("lobby", 2)], await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10));
        Assert.NotNull(await Store.FindAccountAsync("alice"));
    }

    [Fact]
    public async Task A_write_cancelled_before_it_is_submitted_is_not_stored()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.AppendRoomMessageAsync(ARoomMessage("lobby", 1), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CreateAccountAsync(AnAccount("alice"), cancelled.Token));

        Assert.Equal(0, await Store.LastRoomSeqAsync("lobby"));
        Assert.Null(await Store.FindAccountAsync("alice"));
    }

    [Fact]
    public async Task Everything_written_is_still_there_after_a_restart()
    {
        await CreateAccountsAsync("alice", "bob");
        await Store.SetNicknameAsync("bob", "Bobby");
        await Store.SetPasswordHashAsync("alice", "new-hash");
        await AppendRoomMessagesAsync("lobby", 30);
        var dm = await Store.AppendDirectMessageAsync(ADirectMessage("alice", "bob", "see you after the restart"));

        var reopened = await ReopenAsync();

        Assert.Equal(AnAccount("alice") with { PasswordHash = "new-hash" }, await reopened.FindAccountAsync("alice"));
        Assert.Equal(AnAccount("bob", "Bobby"), await reopened.FindAccountAsync("bob"));
        Assert.Equal(30, await reopened.LastRoomSeqAsync("lobby"));
        Assert.Equal(Range(1, 30), Seqs(await ReadWholeRoomAsync(reopened, "lobby", 7)));
        Assert.Equal([dm!], await reopened.DirectMessagesBeforeAsync("bob", "alice", long.MaxValue, 10));
        Assert.True((await reopened.AppendDirectMessageAsync(ADirectMessage("bob", "alice", "back")))!.Id > dm!.Id);
    }

    [Fact]
    public async Task Memberships_read_marks_delivery_and_last_seen_are_still_there_after_a_restart()
    {
        await CreateAccountsAsync("alice", "bob");
        await AppendRoomMessagesAsync("lobby", 2);
        await Store.AddRoomMemberAsync("lobby", "alice");
        await Store.AddRoomMemberAsync("dev", "alice");
        await Store.AddRoomMemberAsync("lobby", "bob");
        for (var seq = 3; seq <= 6; seq++)
        {
            await Store.AppendRoomMessageAsync(ARoomMessage("lobby", seq, "bob"));
        }

        await Store.MarkRoomReadAsync("lobby", "alice", 4);
        var fromBob = new List<DirectMessageRecord>();
        for (var i = 0; i < 3; i++)
        {
            fromBob.Add((await Store.AppendDirectMessageAsync(ADirectMessage("bob", "alice", $"m{i}")))!);
        }

        await Store.MarkDirectReadAsync("alice", "bob", fromBob[0].Id);
        await Store.MarkDeliveredAsync("alice", fromBob[1].Id);
        await Store.SetLastSeenAsync("bob", T0.AddDays(1));

        var reopened = await ReopenAsync();

        Assert.Equal(["dev", "lobby"], await reopened.RoomsOfAsync("alice"));
        Assert.Equal([new RoomSummary("dev", 1), new RoomSummary("lobby", 2)], await reopened.ListRoomsAsync());
        var unread = await reopened.UnreadAsync("alice");
        Assert.Equal([new UnreadDirect("bob", 2)], unread.Direct);
        Assert.Equal([new UnreadRoom("lobby", 2)], unread.Rooms);
        Assert.Equal([new UnreadRoom("lobby", 4)], (await reopened.UnreadAsync("bob")).Rooms);
        Assert.Equal([fromBob[2]], await reopened.UndeliveredDirectMessagesAsync("alice", 10));
        Assert.Equal(T0.AddDays(1), (await reopened.FindAccountAsync("bob"))!.LastSeen);
        Assert.False(await reopened.AddRoomMemberAsync("lobby", "alice"));
    }

    [Fact]
    public async Task Disposing_commits_the_writes_still_queued()
    {
        var store = Store;
        var queued = Enumerable.Range(1, 300).Select(seq => store.AppendRoomMessageAsync(ARoomMessage("lobby", seq))).ToArray();

        var reopened = await ReopenAsync();

        await Task.WhenAll(queued);
        Assert.Equal(Range(1, 300), Seqs(await ReadWholeRoomAsync(reopened, "lobby", 100)));
    }

    [Fact]
    public async Task A_disposed_store_refuses_work()
    {
        var store = Store;
        await store.DisposeAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendRoomMessageAsync(ARoomMessage("lobby", 1)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LastRoomSeqAsync("lobby"));
    }
}
