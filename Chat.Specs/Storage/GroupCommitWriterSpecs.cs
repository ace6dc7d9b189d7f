using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.Storage;

/// <summary>
/// How the SQLite writer groups writes, made deterministic by parking the writer thread inside
/// a batch: whatever is submitted meanwhile waits in the queue and forms the next batch.
/// </summary>
public sealed class GroupCommitWriterSpecs : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    private readonly TempDirectory _directory = new();
    private readonly WriterParking _parking = new();
    private SqliteChatStore _store = null!;

    private GroupCommitWriter Writer => _store.Writer;

    public async Task InitializeAsync() => _store = await SqliteChatStore.OpenAsync(_directory.Path);

    public async Task DisposeAsync()
    {
        _parking.ReleaseAll();
        await _store.DisposeAsync();
        _parking.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Writes_queued_while_a_batch_runs_commit_together_and_a_bad_one_fails_alone()
    {
        var parked = await ParkWriterAsync();
        var first = _store.AppendRoomMessageAsync(Message(1));
        var duplicate = _store.AppendRoomMessageAsync(Message(1) with { Text = "duplicate" });
        var account = _store.CreateAccountAsync(new Account("alice", "hash", "Alice", T0));
        var second = _store.AppendRoomMessageAsync(Message(2));
        var batchesBefore = Writer.CommittedBatches;

        await parked.ReleaseAsync();
        await first;
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        Assert.True(await account);
        await second;

        Assert.Equal(batchesBefore + 2, Writer.CommittedBatches);
        Assert.Contains("UNIQUE", failure.Message);
        Assert.Equal([Message(1), Message(2)], await _store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10));
        Assert.NotNull(await _store.FindAccountAsync("alice"));
    }

    [Fact]
    public async Task A_write_that_fails_half_way_leaves_nothing_of_itself_behind()
    {
        var parked = await ParkWriterAsync();
        var before = _store.AppendRoomMessageAsync(Message(1));
        var halfDone = Writer.SubmitAsync(
            statements =>
            {
                statements.AppendRoomMessage(Message(2));
                throw new InvalidOperationException("failed after its first statement");
            },
            default);
        var after = _store.AppendRoomMessageAsync(Message(3));

        await parked.ReleaseAsync();

        await before;
        await Assert.ThrowsAsync<InvalidOperationException>(() => halfDone);
        await after;
        Assert.Equal(new long[] { 1, 3 }, (await _store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10)).Select(m => m.Seq));
    }

    [Fact]
    public async Task A_write_is_neither_acknowledged_nor_visible_before_its_batch_commits()
    {
        var first = await ParkWriterAsync();
        var append = _store.AppendRoomMessageAsync(Message(1));
        var second = ParkWriterAsync();
        await first.ReleaseAsync();
        var parkedAfterAppend = await second;

        // The append ran in the open transaction; only the commit may make it count.
        Assert.False(append.IsCompleted);
        Assert.Equal(0, await _store.LastRoomSeqAsync("lobby"));

        await parkedAfterAppend.ReleaseAsync();
        await append;
        Assert.Equal(1, await _store.LastRoomSeqAsync("lobby"));
    }

    [Fact]
    public async Task Writes_complete_in_the_order_they_were_submitted()
    {
        var parked = await ParkWriterAsync();
        var appends = Enumerable.Range(1, 200).Select(seq => _store.AppendRoomMessageAsync(Message(seq))).ToArray();
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
        var appends = Enumerable.Range(1, GroupCommitWriter.MaxBatchSize + 1).Select(seq => _store.AppendRoomMessageAsync(Message(seq))).ToArray();
        var batchesBefore = Writer.CommittedBatches;

        await parked.ReleaseAsync();
        await Task.WhenAll(appends);

        Assert.Equal(batchesBefore + 3, Writer.CommittedBatches);
        Assert.Equal(GroupCommitWriter.MaxBatchSize + 1, await _store.LastRoomSeqAsync("lobby"));
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_is_skipped_and_its_neighbours_commit()
    {
        using var cancellation = new CancellationTokenSource();
        var parked = await ParkWriterAsync();
        var before = _store.AppendRoomMessageAsync(Message(1));
        var cancelled = _store.AppendRoomMessageAsync(Message(2), cancellation.Token);
        var after = _store.AppendRoomMessageAsync(Message(3));

        await cancellation.CancelAsync();
        await parked.ReleaseAsync();

        await before;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await after;
        Assert.Equal(new long[] { 1, 3 }, (await _store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10)).Select(m => m.Seq));
    }

    private static RoomMessageRecord Message(long seq) => new("lobby", seq, "alice", "Alice", $"message {seq}", T0);

    private Task<ParkedWriter> ParkWriterAsync() => _parking.ParkAsync(hold => Writer.SubmitAsync(_ => hold(), default));
}
