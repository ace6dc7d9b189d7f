namespace Chat.Host.Storage;

/// <summary>
/// One caller's write waiting in the group-commit queue of a store whose writes run against
/// <typeparamref name="TStatements"/>. The writer runs it inside the batch transaction and
/// remembers the outcome; the caller's task only learns it in <see cref="Publish"/>, which the
/// writer calls after the batch committed (or failed).
/// </summary>
internal abstract class PendingWrite<TStatements>(CancellationToken cancellationToken)
{
    private enum Outcome { NotRun, Succeeded, Failed, Canceled }

    private Outcome _outcome;
    private Exception? _failure;

    protected CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Cancellation is honoured only before the write runs: once in a transaction it commits with its batch.</summary>
    public bool IsCancellationRequested => CancellationToken.IsCancellationRequested;

    public void Run(TStatements statements)
    {
        RunWrite(statements);
        _outcome = Outcome.Succeeded;
    }

    public void RecordFailure(Exception failure)
    {
        _outcome = Outcome.Failed;
        _failure = failure;
    }

    public void RecordCanceled() => _outcome = Outcome.Canceled;

    /// <summary>The batch did not commit: whatever this write did is gone with it.</summary>
    public void RecordBatchFailure(Exception batchFailure)
    {
        if (_outcome is Outcome.NotRun or Outcome.Succeeded)
        {
            RecordFailure(batchFailure);
        }
    }

    public void Publish()
    {
        switch (_outcome)
        {
            case Outcome.Succeeded:
                PublishResult();
                break;
            case Outcome.Canceled:
                PublishCanceled();
                break;
            default:
                PublishFailure(_failure ?? new InvalidOperationException("The write was never run."));
                break;
        }
    }

    protected abstract void RunWrite(TStatements statements);

    protected abstract void PublishResult();

    protected abstract void PublishCanceled();

    protected abstract void PublishFailure(Exception failure);
}

internal sealed class PendingWrite<TStatements, TResult>(Func<TStatements, TResult> write, CancellationToken cancellationToken)
    : PendingWrite<TStatements>(cancellationToken)
{
    // Continuations must not run on the writer thread: they would stall the next batch.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _result;

    public Task<TResult> Task => _completion.Task;

    protected override void RunWrite(TStatements statements) => _result = write(statements);

    protected override void PublishResult() => _completion.TrySetResult(_result!);

    protected override void PublishCanceled() => _completion.TrySetCanceled(CancellationToken);

    protected override void PublishFailure(Exception failure) => _completion.TrySetException(failure);
}
