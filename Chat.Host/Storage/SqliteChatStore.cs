using Chat.Actors.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Host.Storage;

/// <summary>
/// The embedded store: one SQLite file (<c>chat.db</c>) in WAL mode under the host's data
/// directory. All writes go through one <see cref="GroupCommitWriter"/>; reads use short-lived
/// pooled read-only connections, which WAL lets run while the writer commits.
/// </summary>
public sealed class SqliteChatStore : IChatStore
{
    public const string FileName = "chat.db";

    private readonly GroupCommitWriter _writer;
    private readonly SqliteChatReads _reads;
    private readonly StoreLimits _limits;
    private readonly TimeProvider _time;
    private int _disposed;

    private SqliteChatStore(GroupCommitWriter writer, SqliteChatReads reads, StoreLimits limits, TimeProvider time)
    {
        _writer = writer;
        _reads = reads;
        _limits = limits;
        _time = time;
    }

    internal GroupCommitWriter Writer => _writer;

    /// <summary>Opens (creating when needed) <c>chat.db</c> in the directory and brings its schema up to date.</summary>
    public static Task<SqliteChatStore> OpenAsync(string dataDirectory, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        OpenAsync(dataDirectory, new StoreLimits(), logger, cancellationToken: cancellationToken);

    /// <summary>Opens the store with the bounds it keeps (history per room, waiting DMs, resume tokens).</summary>
    /// <param name="time">The clock that stamps what the store dates itself (when a member joined a room); the system's when null.</param>
    public static Task<SqliteChatStore> OpenAsync(string dataDirectory, StoreLimits limits, ILogger? logger = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(limits);
        // Opening and migrating are blocking SQLite calls; keep them off the caller's thread.
        return Task.Run(() => Open(dataDirectory, limits, logger ?? NullLogger.Instance, time ?? TimeProvider.System), cancellationToken);
    }

    public Task<bool> CreateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _writer.SubmitAsync(statements => SqliteNameClaims.CreateAccount(statements.Connection, account), cancellationToken);
    }

    public Task<Account?> FindAccountAsync(string username, CancellationToken cancellationToken = default) =>
        Read(reads => reads.FindAccount(username), cancellationToken);

    public Task<bool> SetNicknameAsync(string username, string nickname, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => SqliteNameClaims.SetNickname(statements.Connection, username, nickname), cancellationToken);

    public Task SetPasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => statements.SetPasswordHash(username, passwordHash), cancellationToken);

    public Task StoreResumeTokenAsync(string tokenHash, string username, DateTime issued, DateTime expires, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => SqliteResumeTokens.Store(statements.Connection, tokenHash, username, issued, expires, _limits.MaxResumeTokensPerAccount), cancellationToken);

    public Task<ResumeTokenGrant?> TakeResumeTokenAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => SqliteResumeTokens.Take(statements.Connection, tokenHash, now), cancellationToken);

    public Task RevokeResumeTokenAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => SqliteResumeTokens.Revoke(statements.Connection, tokenHash), cancellationToken);

    public Task<int> RevokeResumeTokensOfAsync(string username, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => SqliteResumeTokens.RevokeAllOf(statements.Connection, username), cancellationToken);

    public Task<long> LastRoomSeqAsync(string room, CancellationToken cancellationToken = default) =>
        Read(reads => reads.LastRoomSeq(room), cancellationToken);

    public Task DeleteRoomMessagesAsync(string room, long uptoSeq, CancellationToken cancellationToken = default) =>
        DeleteRoomRowsAsync("DELETE FROM room_messages WHERE room = $room AND seq <= $seq;", room, uptoSeq, cancellationToken);

    public Task DeletePresenceLineAsync(string room, long seq, CancellationToken cancellationToken = default) =>
        DeleteRoomRowsAsync("DELETE FROM room_messages WHERE room = $room AND seq = $seq AND event IS NOT NULL;", room, seq, cancellationToken);

    private Task<int> DeleteRoomRowsAsync(string sql, string room, long seq, CancellationToken cancellationToken) =>
        _writer.SubmitAsync(
            statements =>
            {
                return statements.Reused(sql, ("$room", room), ("$seq", seq)).ExecuteNonQuery();
            },
            cancellationToken);

    public Task AppendRoomMessageAsync(RoomMessageRecord message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _writer.SubmitAsync(
            statements =>
            {
                statements.AppendRoomMessage(message);
                SqliteStoreBounds.PruneRoom(statements, _limits, message);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesBeforeAsync(string room, long beforeSeq, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.RoomMessagesBefore(room, beforeSeq, limit), cancellationToken);
    }

    public Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesAfterAsync(string room, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.RoomMessagesAfter(room, afterSeq, limit), cancellationToken);
    }

    public Task<DirectMessageRecord?> AppendDirectMessageAsync(NewDirectMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _writer.SubmitAsync(
            statements =>
            {
                SqliteStoreBounds.RequireRoomInMailbox(statements, _limits, message.To);
                var stored = statements.AppendDirectMessage(message);
                if (stored is not null)
                    SqliteOpenDirects.OpenFor(statements, stored, _limits.MaxOpenDirectsPerAccount);
                return stored;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesBeforeAsync(string user, string other, long beforeId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.DirectMessagesBefore(user, other, beforeId, limit), cancellationToken);
    }

    public Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesAfterAsync(string user, string other, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.DirectMessagesAfter(user, other, afterId, limit), cancellationToken);
    }

    public Task<bool> AddRoomMemberAsync(string room, string username, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(
            statements =>
            {
                SqliteStoreBounds.RequireRoomForMember(statements, _limits, room, username);
                return statements.AddRoomMember(room, username, _time.GetUtcNow().UtcDateTime);
            },
            cancellationToken);

    public Task RemoveRoomMemberAsync(string room, string username, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => statements.RemoveRoomMember(room, username), cancellationToken);

    public Task<IReadOnlyList<string>> RoomsOfAsync(string username, CancellationToken cancellationToken = default) =>
        Read(reads => reads.RoomsOf(username), cancellationToken);

    public Task<string?> RoomCreatorAsync(string room, CancellationToken cancellationToken = default) =>
        Read(reads => reads.RoomCreator(room), cancellationToken);

    public Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default) =>
        Read(reads => reads.ListRooms(), cancellationToken);

    public Task MarkRoomReadAsync(string room, string username, long uptoSeq, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => statements.MarkRoomRead(room, username, uptoSeq), cancellationToken);

    public Task MarkDirectReadAsync(string username, string other, long uptoId, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => statements.MarkDirectRead(username, other, uptoId), cancellationToken);

    public Task<UnreadCounts> UnreadAsync(string username, CancellationToken cancellationToken = default) =>
        Read(reads => reads.Unread(username), cancellationToken);

    public Task<IReadOnlyList<DirectMessageRecord>> UndeliveredDirectMessagesAsync(string username, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.UndeliveredDirectMessages(username, limit), cancellationToken);
    }

    public Task MarkDeliveredAsync(string username, long uptoId, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => statements.MarkDelivered(username, uptoId), cancellationToken);

    public Task SetLastSeenAsync(string username, DateTime lastSeen, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => statements.SetLastSeen(username, lastSeen), cancellationToken);

    public Task<StoredRoomModeration> RoomModerationAsync(string room, CancellationToken cancellationToken = default) =>
        Read(reads => reads.WithConnection(connection => SqliteModeration.Read(connection, room)), cancellationToken);

    public Task RecordModerationAsync(ModerationChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return _writer.SubmitAsync(statements => SqliteModeration.Record(statements.Connection, change), cancellationToken);
    }

    public Task<IReadOnlyList<ModerationChange>> ModerationAuditAsync(string room, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(reads => reads.WithConnection(connection => SqliteModeration.Audit(connection, room, limit)), cancellationToken);
    }

    public Task<bool> SetIgnoredAsync(string username, string other, bool ignored, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => SqliteModeration.SetIgnored(statements.Connection, username, other, ignored), cancellationToken);

    public Task<IReadOnlyList<string>> IgnoredByAsync(string username, CancellationToken cancellationToken = default) =>
        Read(reads => reads.WithConnection(connection => SqliteModeration.IgnoredBy(connection, username)), cancellationToken);
    public Task<IReadOnlyList<RoomMessageRecord>> SearchRoomAsync(string room, string query, int limit, CancellationToken cancellationToken = default) =>
        SearchQuery.Words(query).Count == 0
            ? Task.FromResult<IReadOnlyList<RoomMessageRecord>>([])
            : Read(reads => reads.SearchRoom(room, query, limit), cancellationToken);

    public Task<IReadOnlyList<DirectMessageRecord>> SearchDirectAsync(string user, string other, string query, int limit, CancellationToken cancellationToken = default) =>
        SearchQuery.Words(query).Count == 0
            ? Task.FromResult<IReadOnlyList<DirectMessageRecord>>([])
            : Read(reads => reads.SearchDirect(user, other, query, limit), cancellationToken);

    public Task<OpenConversations> OpenConversationsAsync(string username, CancellationToken cancellationToken = default) =>
        Read(reads => reads.OpenConversations(username), cancellationToken);

    public Task CloseDirectAsync(string username, string other, CancellationToken cancellationToken = default) =>
        _writer.SubmitAsync(statements => SqliteOpenDirects.Close(statements, username, other), cancellationToken);

    /// <summary>Commits every write already submitted, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _reads.ReleasePooledConnections();
    }

    private static SqliteChatStore Open(string dataDirectory, StoreLimits limits, ILogger logger, TimeProvider time)
    {
        if (PrivateDataDirectory.Prepare(dataDirectory) is { } warning)
            logger.LogWarning("{Warning}", warning);
        PrivateDataDirectory.MakeFilesPrivate(dataDirectory, FileName);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The writer's connection lives as long as the store; pooling would only keep the
            // file open after dispose.
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            SqliteSchema.ConfigureWriter(connection);
            SqliteSchema.Migrate(connection, logger);
            // SQLite gave the WAL and shared-memory files it just made the database's mode; make sure.
            PrivateDataDirectory.MakeFilesPrivate(dataDirectory, FileName);
            return new SqliteChatStore(new GroupCommitWriter(connection, limits.WriteQueue, logger), new SqliteChatReads(path), limits, time);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Microsoft.Data.Sqlite's async methods run synchronously; Task.Run keeps a read from
    // blocking the actor that asked for it.
    private Task<TResult> Read<TResult>(Func<SqliteChatReads, TResult> read, CancellationToken cancellationToken)
    {
        return Volatile.Read(ref _disposed) == 1
            ? Task.FromException<TResult>(new ObjectDisposedException(nameof(SqliteChatStore)))
            : Task.Run(() => read(_reads), cancellationToken);
    }
}
