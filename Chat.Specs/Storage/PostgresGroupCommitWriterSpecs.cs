using Chat.Actors.Storage;
using Chat.Host.Storage.Postgres;
using Chat.Specs.Support;

namespace Chat.Specs.Storage;

/// <summary>
/// How the PostgreSQL writer groups writes and isolates a failing one, made deterministic by
/// parking the writer thread inside a batch (see <see cref="WriterParking"/>).
/// </summary>
[NeedsPostgres]
public sealed class PostgresGroupCommitWriterSpecs : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    private readonly WriterParking _parking = new();
    private TestDatabase _database = null!;
    private PostgresChatStore _store = null!;

    private PostgresGroupCommitWriter Writer => _store.Writer;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _store = await PostgresChatStore.OpenAsync(_database.ConnectionString);
        await _store.CreateAccountAsync(new Account("alice", "hash", "Alice", T0));
        await _store.CreateAccountAsync(new Account("bob", "hash", "Bob", T0));
    }

    public async Task DisposeAsync()
    {
        _parking.ReleaseAll();
        await _store.DisposeAsync();
        _parking.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Writes_queued_while_a_batch_runs_commit_together_and_bad_ones_fail_alone()
    {
        var parked = await ParkWriterAsync();
        var first = _store.AppendRoomMessageAsync(Message(1));
        var duplicate = _store.AppendRoomMessageAsync(Message(1) with { Text = "duplicate" });
        var halfDone = Writer.SubmitAsync(
            statements =>
            {
                statements.AppendRoomMessage(Message(2));
                throw new InvalidOperationException("failed after its first statement");
            },
            default);
        var dm = _store.AppendDirectMessageAsync(new NewDirectMessage("alice", "Alice", "bob", "in the same batch", T0));
        var second = _store.AppendRoomMessageAsync(Message(3));
        var batchesBefore = Writer.CommittedBatches;

        await parked.ReleaseAsync();

        await first;
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        await Assert.ThrowsAsync<InvalidOperationException>(() => halfDone);
        await second;
        Assert.Equal(batchesBefore + 2, Writer.CommittedBatches);
        Assert.Contains("duplicate key", failure.Message);
        Assert.Equal([Message(1), Message(3)], await _store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10));
        // Run again after the failures, the DM reports the id it was stored under, not one from
        // the rolled-back first run.
        Assert.Equal([(await dm)!], await _store.DirectMessagesBeforeAsync("bob", "alice", long.MaxValue, 10));
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
    public async Task A_batch_takes_at_most_the_cap_and_the_rest_follows_in_the_next()
    {
        var parked = await ParkWriterAsync();
        var appends = Enumerable.Range(1, PostgresGroupCommitWriter.MaxBatchSize + 1).Select(seq => _store.AppendRoomMessageAsync(Message(seq))).ToArray();
        var batchesBefore = Writer.CommittedBatches;

        await parked.ReleaseAsync();
        await Task.WhenAll(appends);

        Assert.Equal(batchesBefore + 3, Writer.CommittedBatches);
        Assert.Equal(PostgresGroupCommitWriter.MaxBatchSize + 1, await _store.LastRoomSeqAsync("lobby"));
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
