using System.Diagnostics;
using Chat.Actors.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Chat.Host.Storage;

/// <summary>
/// The single SQLite writer. Callers queue writes; one dedicated thread (the
/// <see cref="GroupCommitQueue{TStatements}"/>) takes everything pending (up to
/// <see cref="MaxBatchSize"/>), runs it in one transaction with a savepoint per write, commits,
/// and only then completes the callers' tasks, in the order they were submitted. One fsync per
/// batch instead of per write is what makes "nothing is acknowledged before it is committed"
/// cheap; the savepoints keep one bad write from failing its neighbours.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    public const int MaxBatchSize = 512;

    private readonly SqliteWriteStatements _statements;
    private readonly ILogger _logger;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _releaseSavepoint;
    private readonly SqliteCommand _rollbackToSavepoint;
    private readonly GroupCommitQueue<SqliteWriteStatements> _queue;
    private long _committedBatches;

    public GroupCommitWriter(SqliteConnection connection, int queueCapacity, ILogger logger)
    {
        _logger = logger;
        _statements = new SqliteWriteStatements(connection);
        // Transactions are driven by prepared statements rather than SqliteTransaction so the
        // control SQL is parsed once too, and the prepared writes need no per-batch rebinding.
        _begin = Prepare(connection, "BEGIN IMMEDIATE;");
        _commit = Prepare(connection, "COMMIT;");
        _rollback = Prepare(connection, "ROLLBACK;");
        _savepoint = Prepare(connection, "SAVEPOINT write;");
        _releaseSavepoint = Prepare(connection, "RELEASE write;");
        _rollbackToSavepoint = Prepare(connection, "ROLLBACK TO write;");
        _queue = new GroupCommitQueue<SqliteWriteStatements>(CommitBatch, MaxBatchSize, queueCapacity, nameof(SqliteChatStore), logger);
    }

    /// <summary>Batches committed so far; lets specs see how writes were grouped.</summary>
    internal long CommittedBatches => Interlocked.Read(ref _committedBatches);

    public Task<TResult> SubmitAsync<TResult>(Func<SqliteWriteStatements, TResult> write, CancellationToken cancellationToken) =>
        _queue.SubmitAsync(write, cancellationToken);

    public Task SubmitAsync(Action<SqliteWriteStatements> write, CancellationToken cancellationToken) =>
        _queue.SubmitAsync(write, cancellationToken);

    /// <summary>Stops taking writes, commits everything already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _queue.CompleteAsync().ConfigureAwait(false);
        foreach (var command in new[] { _begin, _commit, _rollback, _savepoint, _releaseSavepoint, _rollbackToSavepoint })
        {
            command.Dispose();
        }

        _statements.Dispose();
        await _statements.Connection.DisposeAsync().ConfigureAwait(false);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.Command(sql, null);
        command.Prepare();
        return command;
    }

    private void CommitBatch(List<PendingWrite<SqliteWriteStatements>> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            _begin.ExecuteNonQuery();
            foreach (var pending in batch)
            {
                RunInSavepoint(pending);
            }

            _commit.ExecuteNonQuery();
            Interlocked.Increment(ref _committedBatches);
            ChatMetrics.StoreCommitDuration.RecordSince(started);
        }
        catch (Exception failure)
        {
            _logger.LogError(failure, "A batch of {Count} chat store writes failed to commit; none of them was stored", batch.Count);
            RollbackIfOpen();
            foreach (var pending in batch)
            {
                pending.RecordBatchFailure(failure);
            }
        }

        foreach (var pending in batch)
        {
            pending.Publish();
        }
    }

    private void RunInSavepoint(PendingWrite<SqliteWriteStatements> pending)
    {
        if (pending.IsCancellationRequested)
        {
            pending.RecordCanceled();
            return;
        }

        _savepoint.ExecuteNonQuery();
        try
        {
            pending.Run(_statements);
        }
        catch (Exception failure) when (TransactionIsOpen())
        {
            // A constraint violation and the like: undo this write alone, keep the batch.
            pending.RecordFailure(failure);
            _rollbackToSavepoint.ExecuteNonQuery();
        }

        _releaseSavepoint.ExecuteNonQuery();
    }

    // Some errors (disk full, I/O) make SQLite roll back the whole transaction by itself;
    // then there is no savepoint to return to and the batch as a whole has failed.
    private bool TransactionIsOpen() => raw.sqlite3_get_autocommit(_statements.Connection.Handle) == 0;

    private void RollbackIfOpen()
    {
        if (!TransactionIsOpen())
        {
            return;
        }

        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException rollbackFailure)
        {
            _logger.LogError(rollbackFailure, "Rolling back a failed chat store batch failed too");
        }
    }
}
