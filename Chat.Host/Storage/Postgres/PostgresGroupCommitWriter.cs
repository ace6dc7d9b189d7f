using Chat.Actors.Storage;
using Chat.Actors.Telemetry;
using System.Diagnostics;
using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// The PostgreSQL store's single writer, on the same <see cref="GroupCommitQueue{TStatements}"/>
/// as SQLite's: one transaction per batch, and callers learn their outcome only after it
/// committed. Each write is isolated from the others without paying a savepoint for each in the
/// common case: the batch first runs plainly; if a write fails, that transaction is rolled
/// back, the write is failed alone, and the rest of the batch runs again with a savepoint per
/// write. (More than 64 savepoints in one transaction would also overflow PostgreSQL's
/// subtransaction cache and slow every other session's snapshots.)
/// </summary>
internal sealed class PostgresGroupCommitWriter : IAsyncDisposable
{
    public const int MaxBatchSize = 512;

    /// <summary>What the writer's connection calls itself in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "chat-writer";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly GroupCommitQueue<PostgresWriteStatements> _queue;
    private NpgsqlConnection? _connection;
    private long _committedBatches;

    private PostgresGroupCommitWriter(NpgsqlDataSource dataSource, NpgsqlConnection connection, int queueCapacity, ILogger logger)
    {
        _dataSource = dataSource;
        _connection = connection;
        _logger = logger;
        _queue = new GroupCommitQueue<PostgresWriteStatements>(CommitBatch, MaxBatchSize, queueCapacity, nameof(PostgresChatStore), logger);
    }

    /// <summary>Batches committed so far; lets specs see how writes were grouped.</summary>
    internal long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>Opens the writer's connection first, so a server that cannot be reached fails the start, not the first write.</summary>
    public static async Task<PostgresGroupCommitWriter> StartAsync(NpgsqlDataSource dataSource, int queueCapacity, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var configure = PostgresCommands.Command(connection, ConfigureSql);
            await configure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresGroupCommitWriter(dataSource, connection, queueCapacity, logger);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<TResult> SubmitAsync<TResult>(Func<PostgresWriteStatements, TResult> write, CancellationToken cancellationToken) =>
        _queue.SubmitAsync(write, cancellationToken);

    public Task SubmitAsync(Action<PostgresWriteStatements> write, CancellationToken cancellationToken) =>
        _queue.SubmitAsync(write, cancellationToken);

    /// <summary>Stops taking writes, commits everything already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _queue.CompleteAsync().ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The durability rule: a commit returns only once the server has flushed it. That is the
    // server's default; saying it here keeps a server configured otherwise from acknowledging
    // what a crash could still lose.
    private const string ConfigureSql = $"SET synchronous_commit = on; SET application_name = '{ApplicationName}';";

    private void CommitBatch(List<PendingWrite<PostgresWriteStatements>> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            CommitWithOneReconnect(batch);
            Interlocked.Increment(ref _committedBatches);
            ChatMetrics.StoreCommitDuration.RecordSince(started);
        }
        catch (Exception failure)
        {
            _logger.LogError(failure, "A batch of {Count} chat store writes failed to commit; none of them was stored", batch.Count);
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

    private void CommitWithOneReconnect(List<PendingWrite<PostgresWriteStatements>> batch)
    {
        try
        {
            Commit(batch);
        }
        catch (Exception failure) when (failure is not CommitOutcomeUnknownException && !IsUsable(_connection))
        {
            // The connection went (server restart, failover, an idle-connection killer) before
            // COMMIT was sent: the server rolled the batch back, so it runs once more on a new one.
            _logger.LogWarning(failure, "The chat store lost its database connection; running the batch again on a new one");
            DropConnection();
            Commit(batch);
        }
    }

    private void Commit(List<PendingWrite<PostgresWriteStatements>> batch)
    {
        var connection = Connection();
        var statements = new PostgresWriteStatements(connection);
        var failed = RunPlainly(connection, statements, batch);
        if (failed is { } index)
        {
            RunIsolated(connection, statements, batch, index);
        }
    }

    /// <summary>Runs and commits the batch; on a failing write rolls back and returns its index.</summary>
    private static int? RunPlainly(NpgsqlConnection connection, PostgresWriteStatements statements, List<PendingWrite<PostgresWriteStatements>> batch)
    {
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (pending.IsCancellationRequested)
            {
                pending.RecordCanceled();
                continue;
            }

            try
            {
                pending.Run(statements);
            }
            catch (StoreLimitReachedException refused)
            {
                // A bound refuses before anything is written (PostgresStoreBounds): the
                // transaction is intact, so the batch goes on without a second pass.
                pending.RecordFailure(refused);
            }
            catch (Exception failure) when (IsUsable(connection))
            {
                pending.RecordFailure(failure);
                transaction.Rollback();
                return i;
            }
        }

        CommitOrReport(transaction);
        return null;
    }

    /// <summary>Runs the batch again without the write that failed, each write in a savepoint of its own.</summary>
    private static void RunIsolated(NpgsqlConnection connection, PostgresWriteStatements statements, List<PendingWrite<PostgresWriteStatements>> batch, int failedIndex)
    {
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (i == failedIndex)
            {
                continue;
            }

            if (pending.IsCancellationRequested)
            {
                pending.RecordCanceled();
                continue;
            }

            transaction.Save("write");
            try
            {
                pending.Run(statements);
            }
            catch (Exception failure) when (IsUsable(connection))
            {
                // A constraint violation and the like: undo this write alone, keep the batch.
                pending.RecordFailure(failure);
                transaction.Rollback("write");
            }

            transaction.Release("write");
        }

        CommitOrReport(transaction);
    }

    private static void CommitOrReport(NpgsqlTransaction transaction)
    {
        try
        {
            transaction.Commit();
        }
        catch (Exception failure)
        {
            // The server may or may not have committed before the connection went: never run
            // this batch again, or its writes could be stored twice.
            throw new CommitOutcomeUnknownException(failure);
        }
    }

    private NpgsqlConnection Connection()
    {
        if (_connection is null)
        {
            var connection = _dataSource.OpenConnection();
            try
            {
                using var configure = PostgresCommands.Command(connection, ConfigureSql);
                configure.ExecuteNonQuery();
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            _connection = connection;
        }

        return _connection;
    }

    private void DropConnection()
    {
        try
        {
            _connection?.Dispose();
        }
        catch (Exception closing)
        {
            _logger.LogDebug(closing, "Closing the lost chat store connection failed");
        }

        _connection = null;
    }

    // A server error (a constraint, a bad value) leaves the connection open with the
    // transaction to roll back; a lost connection is Broken or Closed.
    private static bool IsUsable(NpgsqlConnection? connection) =>
        connection is not null && (connection.FullState & ConnectionState.Open) != 0;

    private sealed class CommitOutcomeUnknownException(Exception inner)
        : Exception("The database connection failed during COMMIT; the batch may or may not be stored.", inner);
}
