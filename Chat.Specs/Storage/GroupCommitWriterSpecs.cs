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

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
