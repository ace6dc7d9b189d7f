using Chat.Actors.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// The chat's queries, each on a short-lived connection from the pool. Read-only connections:
/// nothing here can write past the group-commit writer by accident.
/// </summary>
internal sealed class SqliteChatReads(string databasePath)
{
    internal const string FindAccountSql =
        """
        SELECT accounts.username, password_hash, nickname, created, last_seen, host_operator, disabled, host_bans.username IS NOT NULL, until, reason
        FROM accounts LEFT JOIN host_bans ON host_bans.username = accounts.username WHERE accounts.username = $username;
        """;

    internal const string LastRoomSeqSql =
        "SELECT seq FROM room_messages WHERE room = $room ORDER BY seq DESC LIMIT 1;";

    // Newest first so the LIMIT takes the page nearest the cursor straight off the primary
    // key; the page is turned oldest-first afterwards.
    internal const string RoomPageSql =
        """
        SELECT room, seq, username, nickname, text, ts, event FROM room_messages
        WHERE room = $room AND seq < $before
        ORDER BY seq DESC LIMIT $limit;
        """;

    internal const string RoomPageAfterSql =
        """
        SELECT room, seq, username, nickname, text, ts, event FROM room_messages
        WHERE room = $room AND seq > $after
        ORDER BY seq LIMIT $limit;
        """;

    // min/max in SQL, not in C#: they must order exactly as the generated columns do.
    internal const string DirectPageSql =
        """
        SELECT id, sender, sender_nickname, recipient, text, ts, delivered, read FROM direct_messages
        WHERE user_low = min($user, $other) AND user_high = max($user, $other) AND id < $before
        ORDER BY id DESC LIMIT $limit;
        """;

    internal const string DirectPageAfterSql =
        """
        SELECT id, sender, sender_nickname, recipient, text, ts, delivered, read FROM direct_messages
        WHERE user_low = min($user, $other) AND user_high = max($user, $other) AND id > $after
        ORDER BY id LIMIT $limit;
        """;

    internal const string RoomsOfSql =
        "SELECT room FROM room_members WHERE username = $username ORDER BY room;";

    internal const string RoomCreatorSql =
        "SELECT created_by FROM rooms WHERE room = $room;";
    // By name off the index; put in join order afterwards (an account is in at most a hundred rooms).
    internal const string RoomsWithJoinedSql =
        "SELECT room, joined FROM room_members WHERE username = $username ORDER BY room;";

    internal const string OpenDirectsSql =
        "SELECT other FROM open_directs WHERE username = $username ORDER BY opened;";

    // The room's rows of the index are one rowid range; newest first, so LIMIT keeps the newest hits.
    internal const string SearchRoomSql =
        """
        SELECT m.room, m.seq, m.username, m.nickname, m.text, m.ts FROM room_search s
        JOIN room_numbers n ON n.room = $room
        JOIN room_messages m ON m.room = $room AND m.seq = s.rowid - (n.number << 36)
        WHERE room_search MATCH $query AND s.rowid BETWEEN (n.number << 36) AND (n.number << 36) + (1 << 36) - 1
        ORDER BY s.rowid DESC LIMIT $limit;
        """;

    internal const string SearchDirectSql =
        """
        SELECT m.id, m.sender, m.sender_nickname, m.recipient, m.text, m.ts, m.delivered, m.read FROM direct_search s
        JOIN direct_messages m ON m.id = s.rowid
        WHERE direct_search MATCH $query AND m.user_low = min($user, $other) AND m.user_high = max($user, $other)
        ORDER BY s.rowid DESC LIMIT $limit;
        """;

    internal const string RoomListSql =
        """
        SELECT m.room, count(*), coalesce(max(s.private), 0) FROM room_members m LEFT JOIN room_settings s ON s.room = m.room
        GROUP BY m.room ORDER BY m.room;
        """;

    // The join only yields messages past the mark, so rooms with nothing unread drop out, and
    // each count is a range on room_messages' (room, seq) key rather than a scan. Joins, leaves
    // and renames are history, not unread.
    internal const string UnreadRoomsSql =
        """
        SELECT room_members.room, count(*) FROM room_members
        JOIN room_messages ON room_messages.room = room_members.room AND room_messages.seq > room_members.last_read_seq
        WHERE room_members.username = $username AND room_messages.event IS NULL
        GROUP BY room_members.room ORDER BY room_members.room;
        """;

    internal const string UnreadDirectSql =
        """
        SELECT sender, count(*) FROM direct_messages
        WHERE recipient = $username AND read = 0
        GROUP BY sender ORDER BY sender;
        """;

    internal const string UndeliveredDirectSql =
        """
        SELECT id, sender, sender_nickname, recipient, text, ts, delivered, read FROM direct_messages
        WHERE recipient = $username AND delivered = 0
        ORDER BY id LIMIT $limit;
        """;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
    }.ToString();

    public Account? FindAccount(string username)
    {
        var accounts = Query(
            FindAccountSql,
            row => new Account(row.GetString(0), row.GetString(1), row.GetString(2), UnixMilliseconds.ToDateTime(row.GetInt64(3)))
            {
                LastSeen = row.IsDBNull(4) ? null : UnixMilliseconds.ToDateTime(row.GetInt64(4)),
                HostOperator = row.GetBoolean(5),
                Disabled = row.GetBoolean(6),
                HostBan = row.GetBoolean(7) ? new Restriction(row.IsDBNull(8) ? null : UnixMilliseconds.ToDateTime(row.GetInt64(8)), row.IsDBNull(9) ? null : row.GetString(9)) : null,
            },
            ("$username", username));
        return accounts.Count == 0 ? null : accounts[0];
    }

    public long LastRoomSeq(string room)
    {
        var seqs = Query(LastRoomSeqSql, row => row.GetInt64(0), ("$room", room));
        return seqs.Count == 0 ? 0 : seqs[0];
    }

    public IReadOnlyList<RoomMessageRecord> RoomMessagesBefore(string room, long beforeSeq, int limit) =>
        OldestFirst(Query(RoomPageSql, ReadRoomLine, ("$room", room), ("$before", beforeSeq), ("$limit", limit)));

    public IReadOnlyList<RoomMessageRecord> RoomMessagesAfter(string room, long afterSeq, int limit) =>
        Query(RoomPageAfterSql, ReadRoomLine, ("$room", room), ("$after", afterSeq), ("$limit", limit));

    private static RoomMessageRecord ReadRoomLine(SqliteDataReader row) =>
        new(row.GetString(0), row.GetInt64(1), row.GetString(2), row.GetString(3), row.GetString(4), UnixMilliseconds.ToDateTime(row.GetInt64(5)))
        {
            Event = row.IsDBNull(6) ? null : row.GetString(6),
        };

    public IReadOnlyList<DirectMessageRecord> DirectMessagesBefore(string user, string other, long beforeId, int limit) =>
        OldestFirst(Query(
            DirectPageSql,
            ReadDirectMessage,
            ("$user", user),
            ("$other", other),
            ("$before", beforeId),
            ("$limit", limit)));

    public IReadOnlyList<DirectMessageRecord> DirectMessagesAfter(string user, string other, long afterId, int limit) =>
        Query(DirectPageAfterSql, ReadDirectMessage, ("$user", user), ("$other", other), ("$after", afterId), ("$limit", limit));

    public IReadOnlyList<string> RoomsOf(string username) =>
        Query(RoomsOfSql, row => row.GetString(0), ("$username", username));

    public string? RoomCreator(string room) =>
        Query(RoomCreatorSql, row => row.IsDBNull(0) ? null : row.GetString(0), ("$room", room)).FirstOrDefault();

    public IReadOnlyList<RoomSummary> ListRooms() =>
        Query(RoomListSql, row => new RoomSummary(row.GetString(0), row.GetInt32(1)) { Private = row.GetBoolean(2) });

    /// <summary>Runs a read of its own on a pooled read-only connection.</summary>
    public T WithConnection<T>(Func<SqliteConnection, T> read)
    {
        using var connection = Open();
        return read(connection);
    }

    public UnreadCounts Unread(string username)
    {
        using var connection = Open();
        // One read transaction, so both halves count the same moment.
        using var snapshot = connection.BeginTransaction(deferred: true);
        return new UnreadCounts(
            Query(snapshot, UnreadDirectSql, row => new UnreadDirect(row.GetString(0), row.GetInt32(1)), ("$username", username)),
            Query(snapshot, UnreadRoomsSql, row => new UnreadRoom(row.GetString(0), row.GetInt32(1)), ("$username", username)));
    }

    /// <summary>The newest messages of the room with every word of the query, newest first.</summary>
    public IReadOnlyList<RoomMessageRecord> SearchRoom(string room, string query, int limit) =>
        Query(
            SearchRoomSql,
            row => new RoomMessageRecord(row.GetString(0), row.GetInt64(1), row.GetString(2), row.GetString(3), row.GetString(4), UnixMilliseconds.ToDateTime(row.GetInt64(5))),
            ("$room", room), ("$query", SearchQuery.AllWords(query)), ("$limit", limit));

    public IReadOnlyList<DirectMessageRecord> SearchDirect(string user, string other, string query, int limit) =>
        Query(SearchDirectSql, ReadDirectMessage, ("$user", user), ("$other", other), ("$query", SearchQuery.AllWords(query)), ("$limit", limit));

    public OpenConversations OpenConversations(string username)
    {
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        return new OpenConversations(
            Query(snapshot, RoomsWithJoinedSql, row => (Room: row.GetString(0), Joined: row.GetInt64(1)), ("$username", username))
                .OrderBy(r => r.Joined).ThenBy(r => r.Room, StringComparer.Ordinal).Select(r => r.Room).ToList(),
            Query(snapshot, OpenDirectsSql, row => row.GetString(0), ("$username", username)));
    }

    public IReadOnlyList<DirectMessageRecord> UndeliveredDirectMessages(string username, int limit) =>
        Query(UndeliveredDirectSql, ReadDirectMessage, ("$username", username), ("$limit", limit));

    /// <summary>Closes idle pooled connections so nothing keeps the file open after the store is gone.</summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static List<T> OldestFirst<T>(List<T> newestFirst)
    {
        newestFirst.Reverse();
        return newestFirst;
    }

    private static DirectMessageRecord ReadDirectMessage(SqliteDataReader row) =>
        new(
            row.GetInt64(0),
            row.GetString(1),
            row.GetString(2),
            row.GetString(3),
            row.GetString(4),
            UnixMilliseconds.ToDateTime(row.GetInt64(5)),
            row.GetBoolean(6),
            row.GetBoolean(7));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.Command(sql, null, parameters);
        return ReadRows(command, map);
    }

    private static List<T> Query<T>(SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> map, params (string Name, object Value)[] parameters)
    {
        using var command = transaction.Connection!.Command(sql, transaction, parameters);
        return ReadRows(command, map);
    }

    private static List<T> ReadRows<T>(SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
