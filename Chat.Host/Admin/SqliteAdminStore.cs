using Chat.Host.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Host.Admin;

/// <summary>
/// The admin command's way into the host's SQLite database: its own connection, beside the
/// running host's (WAL lets them share the file; a write waits its turn through busy_timeout).
/// It never creates a database: a wrong --data is an error, not a new empty chat.
/// </summary>
internal sealed class SqliteAdminStore : IAdminStore
{
    private readonly SqliteConnection _connection;

    private SqliteAdminStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Null when the directory holds no chat database.</summary>
    public static SqliteAdminStore? Open(string dataDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(dataDirectory, SqliteChatStore.FileName));
        if (!File.Exists(path))
            return null;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        try
        {
            connection.Open();
            SqliteSchema.ConfigureWriter(connection);
            SqliteSchema.Migrate(connection, NullLogger.Instance);
            return new SqliteAdminStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>False when the username is taken.</summary>
    public bool CreateAccount(string username, string passwordHash, DateTime created)
    {
        using var command = _connection.Command(
            "INSERT INTO accounts (username, password_hash, nickname, created) VALUES ($username, $hash, $username, $created) ON CONFLICT (username) DO NOTHING;",
            null, ("$username", username), ("$hash", passwordHash), ("$created", UnixMilliseconds.FromDateTime(created)));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Sets the hash and deletes the account's resume tokens, in one transaction; false for no such account.</summary>
    public bool ResetPassword(string username, string passwordHash)
    {
        using var transaction = _connection.BeginTransaction();
        using var update = _connection.Command("UPDATE accounts SET password_hash = $hash WHERE username = $username;", transaction, ("$username", username), ("$hash", passwordHash));
        if (update.ExecuteNonQuery() != 1)
            return false;
        using var revoke = _connection.Command("DELETE FROM resume_tokens WHERE username = $username;", transaction, ("$username", username));
        revoke.ExecuteNonQuery();
        transaction.Commit();
        return true;
    }

    public IReadOnlyList<AccountRow> Accounts()
    {
        using var command = _connection.Command("SELECT username, nickname, created, last_seen FROM accounts ORDER BY username;", null);
        using var reader = command.ExecuteReader();
        var rows = new List<AccountRow>();
        while (reader.Read())
            rows.Add(new AccountRow(
                reader.GetString(0), reader.GetString(1), UnixMilliseconds.ToDateTime(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : UnixMilliseconds.ToDateTime(reader.GetInt64(3))));
        return rows;
    }

    /// <summary>The host-wide role, kept on the account; false for no such account.</summary>
    public bool SetHostOperator(string username, bool on) =>
        ChangeAccount(username, "UPDATE accounts SET host_operator = $on WHERE username = $username;", on ? "operator" : "deop", null, ("$on", on ? 1 : 0));

    /// <summary>A disabled account's logins are refused; false for no such account.</summary>
    public bool SetDisabled(string username, bool disabled, string? reason) =>
        ChangeAccount(username, "UPDATE accounts SET disabled = $on WHERE username = $username;", disabled ? "disable" : "enable", reason, ("$on", disabled ? 1 : 0));

    /// <summary>Bans the account host-wide (until null: until unbanned); false for no such account.</summary>
    public bool Ban(string username, DateTime? until, string? reason) =>
        ChangeAccount(username,
            """
            INSERT INTO host_bans (username, until, reason, by_user, at) SELECT $username, $until, $reason, 'admin', $at
            WHERE EXISTS (SELECT 1 FROM accounts WHERE username = $username)
            ON CONFLICT (username) DO UPDATE SET until = excluded.until, reason = excluded.reason, at = excluded.at;
            """,
            "ban", reason,
            ("$until", until is { } end ? UnixMilliseconds.FromDateTime(end) : DBNull.Value), ("$reason", (object?)reason ?? DBNull.Value), ("$at", UnixMilliseconds.FromDateTime(DateTime.UtcNow)));

    /// <summary>False when the account was not banned.</summary>
    public bool Unban(string username) =>
        ChangeAccount(username, "DELETE FROM host_bans WHERE username = $username;", "unban", null);

    public IReadOnlyList<RoomRow> Rooms()
    {
        using var command = _connection.Command(
            """
            SELECT m.room, count(*),
                   (SELECT username FROM room_roles r WHERE r.room = m.room AND r.role = 'owner' LIMIT 1),
                   coalesce(max(s.invite_only), 0), coalesce(max(s.private), 0), coalesce(max(s.topic), '')
            FROM room_members m LEFT JOIN room_settings s ON s.room = m.room
            GROUP BY m.room ORDER BY m.room;
            """, null);
        using var reader = command.ExecuteReader();
        var rows = new List<RoomRow>();
        while (reader.Read())
            rows.Add(RoomRow.Read(reader));
        return rows;
    }

    /// <summary>
    /// Deletes the room: its members, history, roles, bans, invitations and settings (the audit
    /// table keeps what was done in it); false when it had neither members nor messages.
    /// </summary>
    public bool DeleteRoom(string room)
    {
        using var transaction = _connection.BeginTransaction();
        if (!AdminStores.DeleteRoomRows(table =>
            {
                using var delete = _connection.Command($"DELETE FROM {table} WHERE room = $room;", transaction, ("$room", room));
                return delete.ExecuteNonQuery();
            }))
            return false;
        RecordAction(transaction, "delete-room", null, room, null);
        transaction.Commit();
        return true;
    }

    /// <summary>Runs the change and records it for the running host (admin_actions) in one transaction; false when it changed no row.</summary>
    private bool ChangeAccount(string username, string sql, string action, string? reason, params (string Name, object Value)[] parameters)
    {
        using var transaction = _connection.BeginTransaction();
        using var change = _connection.Command(sql, transaction, [("$username", username), .. parameters]);
        if (change.ExecuteNonQuery() != 1)
            return false;
        RecordAction(transaction, action, username, null, reason);
        transaction.Commit();
        return true;
    }

    private void RecordAction(SqliteTransaction transaction, string action, string? username, string? room, string? reason)
    {
        using var record = _connection.Command(
            "INSERT INTO admin_actions (action, username, room, reason, at) VALUES ($action, $username, $room, $reason, $at);",
            transaction,
            ("$action", action), ("$username", (object?)username ?? DBNull.Value), ("$room", (object?)room ?? DBNull.Value),
            ("$reason", (object?)reason ?? DBNull.Value), ("$at", UnixMilliseconds.FromDateTime(DateTime.UtcNow)));
        record.ExecuteNonQuery();
    }

    public string? Motd() => SqliteHostSettings.Read(_connection, SqliteHostSettings.Motd);

    public void SetMotd(string text) => SqliteHostSettings.Write(_connection, SqliteHostSettings.Motd, text);

    public void Dispose() => _connection.Dispose();
}
