using Chat.Actors.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.Storage;

/// <summary>
/// How a store's group-commit writer groups writes and isolates a failing one, whatever the
/// database, made deterministic by parking the writer thread inside a batch: whatever is
/// submitted meanwhile waits in the queue and forms the next batch. A spec class per store
/// says how to reach its writer.
/// </summary>
public abstract class GroupCommitWriterContract : IAsyncLifetime
{
    protected static readonly DateTime T0 = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    private readonly WriterParking _parking = new();
    private IChatStore? _store;

    protected IChatStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    protected abstract int MaxBatchSize { get; }

    protected abstract long CommittedBatches { get; }

    /// <summary>What the database's error for a duplicate primary key says.</summary>
    protected abstract string DuplicateKeyError { get; }

    protected abstract Task<IChatStore> OpenStoreAsync();

    /// <summary>Submits a write that runs <paramref name="action"/> on the writer thread.</summary>
    protected abstract Task SubmitAsync(Action action);

    /// <summary>Submits a write that appends the message, then throws.</summary>
    protected abstract Task SubmitAppendThenFailAsync(RoomMessageRecord message);

    public virtual async Task InitializeAsync() => _store = await OpenStoreAsync();

    public virtual async Task DisposeAsync()
    {
        _parking.ReleaseAll();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _parking.Dispose();
    }

    [Fact]
    public async Task Writes_queued_while_a_batch_runs_commit_together_and_a_bad_one_fails_alone()
    {
        var parked = await ParkWriterAsync();
        var first = Store.AppendRoomMessageAsync(Message(1));
        var duplicate = Store.AppendRoomMessageAsync(Message(1) with { Text = "duplicate" });
        var account = Store.CreateAccountAsync(new Account("alice", "hash", "Alice", T0));
        var second = Store.AppendRoomMessageAsync(Message(2));
        var batchesBefore = CommittedBatches;

        await parked.ReleaseAsync();
        await first;
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        Assert.True(await account);
        await second;

        Assert.Equal(batchesBefore + 2, CommittedBatches);
        Assert.Contains(DuplicateKeyError, failure.Message);
        Assert.Equal([Message(1), Message(2)], await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10));
        Assert.NotNull(await Store.FindAccountAsync("alice"));
    }

    [Fact]
    public async Task A_write_that_fails_half_way_leaves_nothing_of_itself_behind()
    {
        var parked = await ParkWriterAsync();
        var before = Store.AppendRoomMessageAsync(Message(1));
        var halfDone = SubmitAppendThenFailAsync(Message(2));
        var after = Store.AppendRoomMessageAsync(Message(3));

        await parked.ReleaseAsync();

        await before;
        await Assert.ThrowsAsync<InvalidOperationException>(() => halfDone);
        await after;
        Assert.Equal(new long[] { 1, 3 }, (await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10)).Select(m => m.Seq));
    }

    [Fact]
    public async Task A_write_is_neither_acknowledged_nor_visible_before_its_batch_commits()
    {
        var first = await ParkWriterAsync();
        var append = Store.AppendRoomMessageAsync(Message(1));
        var second = ParkWriterAsync();
        await first.ReleaseAsync();
        var parkedAfterAppend = await second;

        // The append ran in the open transaction; only the commit may make it count.
        Assert.False(append.IsCompleted);
        Assert.Equal(0, await Store.LastRoomSeqAsync("lobby"));

        await parkedAfterAppend.ReleaseAsync();
        await append;
        Assert.Equal(1, await Store.LastRoomSeqAsync("lobby"));
    }

    [Fact]
    public async Task Writes_complete_in_the_order_they_were_submitted()
    {
        var parked = await ParkWriterAsync();
        var appends = Enumerable.Range(1, 200).Select(seq => Store.AppendRoomMessageAsync(Message(seq))).ToArray();
        var earlierAllDoneWhenEachCompletes = appends
            .Select((append, index) => append.ContinueWith(_ => appends[..index].All(earlier => earlier.IsCompleted), TaskScheduler.Default))
            .ToArray();

        await parked.ReleaseAsync();

        Assert.All(await Task.WhenAll(earlierAllDoneWhenEachCompletes), Assert.True);
    }

    [Fact]
    public async Task A_batch_takes_at_most_the_cap_and_the_rest_follows_in_the_next()
    {
        var parked = await ParkWriterAsync();
        var appends = Enumerable.Range(1, MaxBatchSize + 1).Select(seq => Store.AppendRoomMessageAsync(Message(seq))).ToArray();
        var batchesBefore = CommittedBatches;

        await parked.ReleaseAsync();
        await Task.WhenAll(appends);

        Assert.Equal(batchesBefore + 3, CommittedBatches);
        Assert.Equal(MaxBatchSize + 1, await Store.LastRoomSeqAsync("lobby"));
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_is_skipped_and_its_neighbours_commit()
    {
        using var cancellation = new CancellationTokenSource();
        var parked = await ParkWriterAsync();
        var before = Store.AppendRoomMessageAsync(Message(1));
        var cancelled = Store.AppendRoomMessageAsync(Message(2), cancellation.Token);
        var after = Store.AppendRoomMessageAsync(Message(3));

        await cancellation.CancelAsync();
        await parked.ReleaseAsync();

        await before;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await after;
        Assert.Equal(new long[] { 1, 3 }, (await Store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10)).Select(m => m.Seq));
    }

    protected static RoomMessageRecord Message(long seq) => new("lobby", seq, "alice", "Alice", $"message {seq}", T0);

    /// <summary>Holds the writer inside a batch until released; returns once it is holding.</summary>
    protected Task<ParkedWriter> ParkWriterAsync() => _parking.ParkAsync(SubmitAsync);
}
