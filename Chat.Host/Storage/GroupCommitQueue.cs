using System.Threading.Channels;
using Chat.Actors.Telemetry;
using Microsoft.Extensions.Logging;

namespace Chat.Host.Storage;

/// <summary>
/// The queue and loop of a group-commit writer, whatever the database: callers submit writes;
/// one dedicated thread takes everything pending (up to the batch cap) and hands it to the
/// store's batch commit, which runs the writes in one transaction and publishes their outcomes
/// after it committed (or failed). The store's batch commit owns the transaction; this owns the
/// order and the thread.
/// The queue is bounded (<c>chat.store.write-queue</c>): a write that finds it full is neither
/// refused nor dropped, its task simply waits (asynchronously: no actor blocks) until the writer
/// has taken room, in the order submitted. That wait is the push back: the room or user actor
/// acknowledges nothing before its write committed, each connection has a bounded number of chat
/// lines unanswered (<c>chat.session.in-flight-chat-lines</c>), and a connection at that bound is
/// not read. So what waits beyond the queue is at most the connections' lines in flight.
/// </summary>
internal sealed class GroupCommitQueue<TStatements>
{
    private readonly Channel<PendingWrite<TStatements>> _queue;
    private readonly int _capacity;
    private int _waitingForRoom;

    private readonly Action<List<PendingWrite<TStatements>>> _commitBatch;
    private readonly int _maxBatchSize;
    private readonly string _storeName;
    private readonly ILogger _logger;
    private readonly Task _loop;

    /// <param name="capacity">Writes the queue holds before further ones wait for room.</param>
    public GroupCommitQueue(Action<List<PendingWrite<TStatements>>> commitBatch, int maxBatchSize, int capacity, string storeName, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        // Waiting writers are let in in the order they came (the channel keeps them in a queue).
        _queue = Channel.CreateBounded<PendingWrite<TStatements>>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
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
        if (_queue.Writer.TryWrite(pending))
            return pending.Task;
        return WaitForRoomAsync(pending, cancellationToken);
    }

    /// <summary>Writes in the queue, not yet taken by the writer (at most its capacity).</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Writes submitted while the queue was full, waiting for room.</summary>
    public int WaitingForRoom => Volatile.Read(ref _waitingForRoom);

    private async Task<TResult> WaitForRoomAsync<TResult>(PendingWrite<TStatements, TResult> pending, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waitingForRoom);
        ChatMetrics.StoreWriteWaited(_capacity);
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(_storeName);
        }
        finally
        {
            Interlocked.Decrement(ref _waitingForRoom);
        }
        return await pending.Task.ConfigureAwait(false);
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
