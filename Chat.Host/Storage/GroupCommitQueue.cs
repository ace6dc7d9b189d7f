using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Chat.Host.Storage;

/// <summary>
/// The queue and loop of a group-commit writer, whatever the database: callers submit writes;
/// one dedicated thread takes everything pending (up to the batch cap) and hands it to the
/// store's batch commit, which runs the writes in one transaction and publishes their outcomes
/// after it committed (or failed). The store's batch commit owns the transaction; this owns the
/// order and the thread.
/// </summary>
internal sealed class GroupCommitQueue<TStatements>
{
    private readonly Channel<PendingWrite<TStatements>> _queue =
        Channel.CreateUnbounded<PendingWrite<TStatements>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Action<List<PendingWrite<TStatements>>> _commitBatch;
    private readonly int _maxBatchSize;
    private readonly string _storeName;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public GroupCommitQueue(Action<List<PendingWrite<TStatements>>> commitBatch, int maxBatchSize, string storeName, ILogger logger)
    {
        _commitBatch = commitBatch;
        _maxBatchSize = maxBatchSize;
        _storeName = storeName;
        _logger = logger;
        // Database calls block; a thread of its own keeps commit waits off the thread pool the
        // actors run on.
        _loop = Task.Factory.StartNew(RunLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task<TResult> SubmitAsync<TResult>(Func<TStatements, TResult> write, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        var pending = new PendingWrite<TStatements, TResult>(write, cancellationToken);
        return _queue.Writer.TryWrite(pending)
            ? pending.Task
            : Task.FromException<TResult>(new ObjectDisposedException(_storeName));
    }

    public Task SubmitAsync(Action<TStatements> write, CancellationToken cancellationToken) =>
        SubmitAsync(
            statements =>
            {
                write(statements);
                return true;
            },
            cancellationToken);

    /// <summary>Stops taking writes; completes once everything already queued went through a batch.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _loop;
    }

    private void RunLoop()
    {
        var batch = new List<PendingWrite<TStatements>>(_maxBatchSize);
        try
        {
            // Blocking is the point of this thread: it has nothing else to do until work arrives.
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                _commitBatch(batch);
                batch.Clear();
            }
        }
        catch (Exception failure)
        {
            // Only a bug gets here. Fail every waiting caller rather than leave them hanging.
            _logger.LogCritical(failure, "The chat store writer stopped; failing all pending writes");
            _queue.Writer.TryComplete(failure);
            while (_queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            foreach (var pending in batch)
            {
                pending.RecordBatchFailure(failure);
                pending.Publish();
            }
        }
    }
}
