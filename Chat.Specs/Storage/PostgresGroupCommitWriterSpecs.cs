using Chat.Actors.Storage;
using Chat.Host.Storage.Postgres;
using Chat.Specs.Support;

namespace Chat.Specs.Storage;

/// <summary>
/// The group-commit contract against the PostgreSQL writer, plus what its second pass (the
/// batch run again after a failing write) must get right.
/// </summary>
[NeedsPostgres]
public sealed class PostgresGroupCommitWriterSpecs : GroupCommitWriterContract
{
    private TestDatabase? _database;

    private PostgresGroupCommitWriter Writer => ((PostgresChatStore)Store).Writer;

    protected override int MaxBatchSize => PostgresGroupCommitWriter.MaxBatchSize;

    protected override long CommittedBatches => Writer.CommittedBatches;

    protected override string DuplicateKeyError => "duplicate key";

    public override async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<IChatStore> OpenStoreAsync() => await PostgresChatStore.OpenAsync(_database!.ConnectionString);

    protected override Task SubmitAsync(Action action) => Writer.SubmitAsync(_ => action(), default);

    protected override Task SubmitAppendThenFailAsync(RoomMessageRecord message) =>
        Writer.SubmitAsync(
            statements =>
            {
                statements.AppendRoomMessage(message);
                throw new InvalidOperationException("failed after its first statement");
            },
            default);

    [Fact]
    public async Task A_write_run_again_after_a_failing_neighbour_reports_what_was_stored()
    {
        await Store.CreateAccountAsync(new Account("alice", "hash", "Alice", T0));
        await Store.CreateAccountAsync(new Account("bob", "hash", "Bob", T0));
        var parked = await ParkWriterAsync();
        var before = Store.AppendDirectMessageAsync(new NewDirectMessage("alice", "Alice", "bob", "before", T0));
        var failing = SubmitAppendThenFailAsync(Message(1));
        var after = Store.AppendDirectMessageAsync(new NewDirectMessage("bob", "Bob", "alice", "after", T0));

        await parked.ReleaseAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        // Each DM reports the id it was stored under, not one from the rolled-back first run.
        Assert.Equal([(await before)!, (await after)!], await Store.DirectMessagesBeforeAsync("bob", "alice", long.MaxValue, 10));
        Assert.Equal(0, await Store.LastRoomSeqAsync("lobby"));
    }
}
