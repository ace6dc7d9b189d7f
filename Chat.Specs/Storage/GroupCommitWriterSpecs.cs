using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.Storage;

/// <summary>The group-commit contract against SQLite's writer.</summary>
public sealed class GroupCommitWriterSpecs : GroupCommitWriterContract
{
    private readonly TempDirectory _directory = new();

    private GroupCommitWriter Writer => ((SqliteChatStore)Store).Writer;

    protected override int MaxBatchSize => GroupCommitWriter.MaxBatchSize;

    protected override long CommittedBatches => Writer.CommittedBatches;

    protected override string DuplicateKeyError => "UNIQUE";

    protected override async Task<IChatStore> OpenStoreAsync() => await SqliteChatStore.OpenAsync(_directory.Path);

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
    public async Task A_statement_the_writer_reuses_is_compiled_once_and_runs_with_the_values_of_each_call()
    {
        const string sql = "SELECT $a + $b;";
        var (first, second) = await Writer.SubmitAsync(
            statements =>
            {
                var command = statements.Reused(sql, ("$a", 1L), ("$b", 2L));
                var sum = (long)command.ExecuteScalar()!;
                var again = statements.Reused(sql, ("$a", 40L), ("$b", 2L));
                return (ReferenceEquals(command, again) ? sum : -1, (long)again.ExecuteScalar()!);
            },
            default);

        Assert.Equal(3L, first);
        Assert.Equal(42L, second);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
