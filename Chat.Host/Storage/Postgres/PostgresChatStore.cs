using Chat.Actors.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// The shared store: one PostgreSQL database that several hosts may use at once. All of a
/// host's writes go through one <see cref="PostgresGroupCommitWriter"/>; reads use pooled
/// connections of their own. The host creates and migrates the schema when it opens the store.
/// </summary>
public sealed class PostgresChatStore : IChatStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresGroupCommitWriter _writer;
    private readonly PostgresChatReads _reads;
    private readonly StoreLimits _limits;
    private readonly TimeProvider _time;
    private int _disposed;

    private PostgresChatStore(NpgsqlDataSource dataSource, PostgresGroupCommitWriter writer, StoreLimits limits, TimeProvider time)
    {
        _dataSource = dataSource;
        _writer = writer;
        _reads = new PostgresChatReads(dataSource);
        _limits = limits;
        _time = time;
    }

    internal PostgresGroupCommitWriter Writer => _writer;

    /// <summary>Connects, brings the schema up to date (waiting for any other host doing the same) and starts the writer.</summary>
    public static Task<PostgresChatStore> OpenAsync(string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, new StoreLimits(), logger, cancellationToken: cancellationToken);

    /// <summary>Opens the store with the bounds it keeps (history per room, waiting DMs, resume tokens, rooms and members).</summary>
    /// <param name="time">The clock that stamps what the store dates itself (when a member joined a room); the system's when null.</param>
    public static async Task<PostgresChatStore> OpenAsync(string connectionString, StoreLimits limits, ILogger? logger = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(limits);
        logger ??= NullLogger.Instance;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Prepare what runs repeatedly (every write and read of the message path) once per
        // connection, unless the connection string says otherwise.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        builder.ConnectionStringBuilder.ApplicationName ??= "chat";
        var dataSource = builder.Build();
        try
        {
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await PostgresSchema.MigrateAsync(connection, logger, cancellationToken).ConfigureAwait(false);
            }

            var writer = await PostgresGroupCommitWriter.StartAsync(dataSource, limits.WriteQueue, logger, cancellationToken).ConfigureAwait(false);
            return new PostgresChatStore(dataSource, writer, limits, time ?? TimeProvider.System);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Where a connection string points, for logs: server and database, never the password.</summary>
    public static string Describe(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database \"{settings.Database ?? settings.Username}\" on {settings.Host}:{settings.Port}";
    }

    public Task<bool> CreateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Write(statements => PostgresNameClaims.CreateAccount(statements.Connection, account), cancellationToken);
    }

    public Task<Account?> FindAccountAsync(string username, CancellationToken cancellationToken = default) =>
        Read(reads => reads.FindAccountAsync(username, cancellationToken));

    public Task<bool> SetNicknameAsync(string username, string nickname, CancellationToken cancellationToken = default) =>
        Write(statements => PostgresNameClaims.SetNickname(statements.Connection, username, nickname), cancellationToken);

    public Task SetPasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken = default) =>
        Write(statements => statements.SetPasswordHash(username, passwordHash), cancellationToken);

    public Task StoreResumeTokenAsync(string tokenHash, string username, DateTime issued, DateTime expires, CancellationToken cancellationToken = default) =>
        Write(statements => statements.StoreResumeToken(tokenHash, username, issued, expires, _limits.MaxResumeTokensPerAccount), cancellationToken);

    public Task<ResumeTokenGrant?> TakeResumeTokenAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default) =>
        Write(statements => statements.TakeResumeToken(tokenHash, now), cancellationToken);

    public Task RevokeResumeTokenAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        Write(statements => statements.RevokeResumeToken(tokenHash), cancellationToken);

    public Task<int> RevokeResumeTokensOfAsync(string username, CancellationToken cancellationToken = default) =>
        Write(statements => statements.RevokeResumeTokensOf(username), cancellationToken);

    public Task<long> LastRoomSeqAsync(string room, CancellationToken cancellationToken = default) =>
        Read(reads => reads.LastRoomSeqAsync(room, cancellationToken));

    public Task DeleteRoomMessagesAsync(string room, long uptoSeq, CancellationToken cancellationToken = default) =>
        DeleteRoomRowsAsync("DELETE FROM room_messages WHERE room = $1 AND seq <= $2;", room, uptoSeq, cancellationToken);

    public Task DeletePresenceLineAsync(string room, long seq, CancellationToken cancellationToken = default) =>
        DeleteRoomRowsAsync("DELETE FROM room_messages WHERE room = $1 AND seq = $2 AND event IS NOT NULL;", room, seq, cancellationToken);

    private Task<int> DeleteRoomRowsAsync(string sql, string room, long seq, CancellationToken cancellationToken) =>
        Write(
            statements =>
            {
                using var delete = PostgresCommands.Command(statements.Connection, sql, room, seq);
                return delete.ExecuteNonQuery();
            },
            cancellationToken);

    public Task AppendRoomMessageAsync(RoomMessageRecord message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Write(statements => PostgresStoreBounds.AppendRoomMessage(statements, _limits, message), cancellationToken);
    }

    public Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesBeforeAsync(string room, long beforeSeq, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.RoomMessagesBeforeAsync(room, beforeSeq, limit, cancellationToken));
    }

    public Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesAfterAsync(string room, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.RoomMessagesAfterAsync(room, afterSeq, limit, cancellationToken));
    }

    public Task<DirectMessageRecord?> AppendDirectMessageAsync(NewDirectMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Write(
            statements =>
            {
                var stored = PostgresStoreBounds.AppendDirectMessage(statements, _limits, message);
                if (stored is not null)
                    statements.OpenDirectFor(stored, _limits.MaxOpenDirectsPerAccount);
                return stored;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesBeforeAsync(string user, string other, long beforeId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.DirectMessagesBeforeAsync(user, other, beforeId, limit, cancellationToken));
    }

    public Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesAfterAsync(string user, string other, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.DirectMessagesAfterAsync(user, other, afterId, limit, cancellationToken));
    }

    public Task<bool> AddRoomMemberAsync(string room, string username, CancellationToken cancellationToken = default) =>
        Write(
            statements =>
            {
                PostgresStoreBounds.RequireRoomForMember(statements.Connection, _limits, room, username);
                return statements.AddRoomMember(room, username, _time.GetUtcNow().UtcDateTime);
            },
            cancellationToken);

    public Task RemoveRoomMemberAsync(string room, string username, CancellationToken cancellationToken = default) =>
        Write(statements => statements.RemoveRoomMember(room, username), cancellationToken);

    public Task<IReadOnlyList<string>> RoomsOfAsync(string username, CancellationToken cancellationToken = default) =>
        Read(reads => reads.RoomsOfAsync(username, cancellationToken));

    public Task<string?> RoomCreatorAsync(string room, CancellationToken cancellationToken = default) =>
        Read(reads => reads.RoomCreatorAsync(room, cancellationToken));

    public Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default) =>
        Read(reads => reads.ListRoomsAsync(cancellationToken));

    public Task MarkRoomReadAsync(string room, string username, long uptoSeq, CancellationToken cancellationToken = default) =>
        Write(statements => statements.MarkRoomRead(room, username, uptoSeq), cancellationToken);

    public Task MarkDirectReadAsync(string username, string other, long uptoId, CancellationToken cancellationToken = default) =>
        Write(statements => statements.MarkDirectRead(username, other, uptoId), cancellationToken);

    public Task<UnreadCounts> UnreadAsync(string username, CancellationToken cancellationToken = default) =>
        Read(reads => reads.UnreadAsync(username, cancellationToken));

    public Task<IReadOnlyList<DirectMessageRecord>> UndeliveredDirectMessagesAsync(string username, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.UndeliveredDirectMessagesAsync(username, limit, cancellationToken));
    }

    public Task MarkDeliveredAsync(string username, long uptoId, CancellationToken cancellationToken = default) =>
        Write(statements => statements.MarkDelivered(username, uptoId), cancellationToken);

    public Task SetLastSeenAsync(string username, DateTime lastSeen, CancellationToken cancellationToken = default) =>
        Write(statements => statements.SetLastSeen(username, lastSeen), cancellationToken);

    public Task<StoredRoomModeration> RoomModerationAsync(string room, CancellationToken cancellationToken = default) =>
        Read(_ => PostgresModeration.ReadAsync(_dataSource, room, cancellationToken));

    public Task RecordModerationAsync(ModerationChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Write(statements => PostgresModeration.Record(statements.Connection, change), cancellationToken);
    }

    public Task<IReadOnlyList<ModerationChange>> ModerationAuditAsync(string room, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(_ => PostgresModeration.AuditAsync(_dataSource, room, limit, cancellationToken));
    }

    public Task<bool> SetIgnoredAsync(string username, string other, bool ignored, CancellationToken cancellationToken = default) =>
        Write(statements => PostgresModeration.SetIgnored(statements.Connection, username, other, ignored), cancellationToken);

    public Task<IReadOnlyList<string>> IgnoredByAsync(string username, CancellationToken cancellationToken = default) =>
        Read(_ => PostgresModeration.IgnoredByAsync(_dataSource, username, cancellationToken));
    public Task<IReadOnlyList<RoomMessageRecord>> SearchRoomAsync(string room, string query, int limit, CancellationToken cancellationToken = default) =>
        SearchQuery.Words(query).Count == 0
            ? Task.FromResult<IReadOnlyList<RoomMessageRecord>>([])
            : Read(reads => reads.SearchRoomAsync(room, query, limit, cancellationToken));

    public Task<IReadOnlyList<DirectMessageRecord>> SearchDirectAsync(string user, string other, string query, int limit, CancellationToken cancellationToken = default) =>
        SearchQuery.Words(query).Count == 0
            ? Task.FromResult<IReadOnlyList<DirectMessageRecord>>([])
            : Read(reads => reads.SearchDirectAsync(user, other, query, limit, cancellationToken));

    public Task<OpenConversations> OpenConversationsAsync(string username, CancellationToken cancellationToken = default) =>
        Read(reads => reads.OpenConversationsAsync(username, cancellationToken));

    public Task CloseDirectAsync(string username, string other, CancellationToken cancellationToken = default) =>
        Write(statements => statements.CloseDirect(username, other), cancellationToken);

    /// <summary>Commits every write already submitted, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private Task<TResult> Write<TResult>(Func<PostgresWriteStatements, TResult> write, CancellationToken cancellationToken) =>
        _writer.SubmitAsync(write, cancellationToken);

    private Task Write(Action<PostgresWriteStatements> write, CancellationToken cancellationToken) =>
        _writer.SubmitAsync(write, cancellationToken);

    // Npgsql reads are truly asynchronous: no thread is held while the server answers.
    private Task<TResult> Read<TResult>(Func<PostgresChatReads, Task<TResult>> read) =>
        Volatile.Read(ref _disposed) == 1
            ? Task.FromException<TResult>(new ObjectDisposedException(nameof(PostgresChatStore)))
            : read(_reads);
}
