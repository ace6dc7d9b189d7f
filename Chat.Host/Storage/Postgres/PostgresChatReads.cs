using System.Data;
using Chat.Actors.Storage;
using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// The chat's queries, each on a pooled connection of its own, so reads never wait for the
/// writer. Same queries and orders as <see cref="SqliteChatReads"/>, in PostgreSQL's dialect.
/// </summary>
internal sealed class PostgresChatReads(NpgsqlDataSource dataSource)
{
    internal const string FindAccountSql =
        """
        SELECT accounts.username, password_hash, nickname, created, last_seen, host_operator, disabled, host_bans.username IS NOT NULL, until, reason
        FROM accounts LEFT JOIN host_bans ON host_bans.username = accounts.username WHERE accounts.username = $1;
        """;

    internal const string LastRoomSeqSql =
        "SELECT coalesce(max(seq), 0) FROM room_messages WHERE room = $1;";

    // Newest first so the LIMIT takes the page nearest the cursor straight off the primary key;
    // the page is turned oldest-first afterwards.
    internal const string RoomPageSql =
        """
        SELECT room, seq, username, nickname, text, ts, event FROM room_messages
        WHERE room = $1 AND seq < $2
        ORDER BY seq DESC LIMIT $3;
        """;

    internal const string RoomPageAfterSql =
        """
        SELECT room, seq, username, nickname, text, ts, event FROM room_messages
        WHERE room = $1 AND seq > $2
        ORDER BY seq LIMIT $3;
        """;

    // least/greatest under COLLATE "C", as the generated columns compute them: under the
    // database's locale they could pick the other name and find no conversation.
    internal const string DirectPageSql =
        """
        SELECT id, sender, sender_nickname, recipient, text, ts, delivered, read FROM direct_messages
        WHERE user_low = least($1 COLLATE "C", $2 COLLATE "C") AND user_high = greatest($1 COLLATE "C", $2 COLLATE "C") AND id < $3
        ORDER BY id DESC LIMIT $4;
        """;

    internal const string DirectPageAfterSql =
        """
        SELECT id, sender, sender_nickname, recipient, text, ts, delivered, read FROM direct_messages
        WHERE user_low = least($1 COLLATE "C", $2 COLLATE "C") AND user_high = greatest($1 COLLATE "C", $2 COLLATE "C") AND id > $3
        ORDER BY id LIMIT $4;
        """;

    internal const string RoomsOfSql =
        "SELECT room FROM room_members WHERE username = $1 ORDER BY room;";

    internal const string RoomCreatorSql =
        "SELECT created_by FROM rooms WHERE room = $1;";
    internal const string RoomsInJoinOrderSql =
        "SELECT room FROM room_members WHERE username = $1 ORDER BY joined, room;";

    internal const string OpenDirectsSql =
        "SELECT other FROM open_directs WHERE username = $1 ORDER BY opened;";

    // The words, each quoted, as websearch_to_tsquery reads them: all must appear.
    internal const string SearchRoomSql =
        """
        SELECT room, seq, username, nickname, text, ts FROM room_messages
        WHERE room = $1 AND event IS NULL AND to_tsvector('simple', text) @@ websearch_to_tsquery('simple', $2)
        ORDER BY seq DESC LIMIT $3;
        """;

    internal const string SearchDirectSql =
        """
        SELECT id, sender, sender_nickname, recipient, text, ts, delivered, read FROM direct_messages
        WHERE user_low = least($1 COLLATE "C", $2 COLLATE "C") AND user_high = greatest($1 COLLATE "C", $2 COLLATE "C")
          AND to_tsvector('simple', text) @@ websearch_to_tsquery('simple', $3)
        ORDER BY id DESC LIMIT $4;
        """;

    internal const string RoomListSql =
        """
        SELECT m.room, count(*)::integer, coalesce(bool_or(s.private), false) FROM room_members m LEFT JOIN room_settings s ON s.room = m.room
        GROUP BY m.room ORDER BY m.room;
        """;

    // The join only yields messages past the mark, so rooms with nothing unread drop out, and
    // each count is a range on room_messages' (room, seq) key rather than a scan. Joins, leaves
    // and renames are history, not unread.
    internal const string UnreadRoomsSql =
        """
        SELECT room_members.room, count(*)::integer FROM room_members
        JOIN room_messages ON room_messages.room = room_members.room AND room_messages.seq > room_members.last_read_seq
        WHERE room_members.username = $1 AND room_messages.event IS NULL
        GROUP BY room_members.room ORDER BY room_members.room;
        """;

    internal const string UnreadDirectSql =
        """
        SELECT sender, count(*)::integer FROM direct_messages
        WHERE recipient = $1 AND NOT read
        GROUP BY sender ORDER BY sender;
        """;

    internal const string UndeliveredDirectSql =
        """
        SELECT id, sender, sender_nickname, recipient, text, ts, delivered, read FROM direct_messages
        WHERE recipient = $1 AND NOT delivered
        ORDER BY id LIMIT $2;
        """;

    public async Task<Account?> FindAccountAsync(string username, CancellationToken cancellationToken)
    {
        var accounts = await QueryAsync(
            FindAccountSql,
            row => new Account(row.GetString(0), row.GetString(1), row.GetString(2), row.GetDateTime(3))
            {
                LastSeen = row.IsDBNull(4) ? null : row.GetDateTime(4),
                HostOperator = row.GetBoolean(5),
                Disabled = row.GetBoolean(6),
                HostBan = row.GetBoolean(7) ? new Restriction(row.IsDBNull(8) ? null : row.GetDateTime(8), row.IsDBNull(9) ? null : row.GetString(9)) : null,
            },
            cancellationToken,
            username).ConfigureAwait(false);
        return accounts.Count == 0 ? null : accounts[0];
    }

    public async Task<long> LastRoomSeqAsync(string room, CancellationToken cancellationToken) =>
        (await QueryAsync(LastRoomSeqSql, row => row.GetInt64(0), cancellationToken, room).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesBeforeAsync(string room, long beforeSeq, int limit, CancellationToken cancellationToken) =>
        OldestFirst(await QueryAsync(RoomPageSql, ReadRoomLine, cancellationToken, room, beforeSeq, limit).ConfigureAwait(false));

    public async Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesAfterAsync(string room, long afterSeq, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(RoomPageAfterSql, ReadRoomLine, cancellationToken, room, afterSeq, limit).ConfigureAwait(false);

    public async Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesBeforeAsync(string user, string other, long beforeId, int limit, CancellationToken cancellationToken) =>
        OldestFirst(await QueryAsync(DirectPageSql, ReadDirectMessage, cancellationToken, user, other, beforeId, limit).ConfigureAwait(false));

    public async Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesAfterAsync(string user, string other, long afterId, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(DirectPageAfterSql, ReadDirectMessage, cancellationToken, user, other, afterId, limit).ConfigureAwait(false);

    private static RoomMessageRecord ReadRoomLine(NpgsqlDataReader row) =>
        new(row.GetString(0), row.GetInt64(1), row.GetString(2), row.GetString(3), row.GetString(4), row.GetDateTime(5)) { Event = row.IsDBNull(6) ? null : row.GetString(6) };

    public async Task<IReadOnlyList<string>> RoomsOfAsync(string username, CancellationToken cancellationToken) =>
        await QueryAsync(RoomsOfSql, row => row.GetString(0), cancellationToken, username).ConfigureAwait(false);

    public async Task<string?> RoomCreatorAsync(string room, CancellationToken cancellationToken) =>
        (await QueryAsync(RoomCreatorSql, row => row.IsDBNull(0) ? null : row.GetString(0), cancellationToken, room).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken) =>
        await QueryAsync(RoomListSql, row => new RoomSummary(row.GetString(0), row.GetInt32(1)) { Private = row.GetBoolean(2) }, cancellationToken).ConfigureAwait(false);

    public async Task<UnreadCounts> UnreadAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot for both halves, so they count the same moment.
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var direct = await ReadRowsAsync(
            PostgresCommands.Command(connection, UnreadDirectSql, username),
            row => new UnreadDirect(row.GetString(0), row.GetInt32(1)),
            cancellationToken).ConfigureAwait(false);
        var rooms = await ReadRowsAsync(
            PostgresCommands.Command(connection, UnreadRoomsSql, username),
            row => new UnreadRoom(row.GetString(0), row.GetInt32(1)),
            cancellationToken).ConfigureAwait(false);
        await snapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new UnreadCounts(direct, rooms);
    }

    public async Task<IReadOnlyList<RoomMessageRecord>> SearchRoomAsync(string room, string query, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            SearchRoomSql,
            row => new RoomMessageRecord(row.GetString(0), row.GetInt64(1), row.GetString(2), row.GetString(3), row.GetString(4), row.GetDateTime(5)),
            cancellationToken, room, SearchQuery.AllWords(query), limit).ConfigureAwait(false);

    public async Task<IReadOnlyList<DirectMessageRecord>> SearchDirectAsync(string user, string other, string query, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(SearchDirectSql, ReadDirectMessage, cancellationToken, user, other, SearchQuery.AllWords(query), limit).ConfigureAwait(false);

    public async Task<OpenConversations> OpenConversationsAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var rooms = await ReadRowsAsync(PostgresCommands.Command(connection, RoomsInJoinOrderSql, username), row => row.GetString(0), cancellationToken).ConfigureAwait(false);
        var directs = await ReadRowsAsync(PostgresCommands.Command(connection, OpenDirectsSql, username), row => row.GetString(0), cancellationToken).ConfigureAwait(false);
        await snapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new OpenConversations(rooms, directs);
    }

    public async Task<IReadOnlyList<DirectMessageRecord>> UndeliveredDirectMessagesAsync(string username, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(UndeliveredDirectSql, ReadDirectMessage, cancellationToken, username, limit).ConfigureAwait(false);

    private static List<T> OldestFirst<T>(List<T> newestFirst)
    {
        newestFirst.Reverse();
        return newestFirst;
    }

    private static DirectMessageRecord ReadDirectMessage(NpgsqlDataReader row) =>
        new(
            row.GetInt64(0),
            row.GetString(1),
            row.GetString(2),
            row.GetString(3),
            row.GetString(4),
            row.GetDateTime(5),
            row.GetBoolean(6),
            row.GetBoolean(7));

    private Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object[] values) =>
        ReadRowsAsync(PostgresCommands.Command(dataSource, sql, values), map, cancellationToken);

    /// <summary>Runs the command, maps its rows and disposes it.</summary>
    private static async Task<List<T>> ReadRowsAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }
}
