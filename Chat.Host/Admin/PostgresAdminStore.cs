using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Host.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Chat.Host.Admin;

/// <summary>
/// The admin command's way into a PostgreSQL store shared by the running hosts: a connection of
/// its own, the same verbs as <see cref="SqliteAdminStore"/>. Each admin_actions row it writes
/// is announced to every host by the table's trigger (NOTIFY chat_admin_actions, sent at commit),
/// which <see cref="Hosting.PostgresAdminActionsListener"/> hears. It never creates the schema: a
/// database no host has run on is an error, not a new empty chat.
/// </summary>
internal sealed class PostgresAdminStore : IAdminStore
{
    private readonly NpgsqlConnection _connection;

    private PostgresAdminStore(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Null when the database holds no chat schema.</summary>
    public static PostgresAdminStore? Open(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        settings.ApplicationName ??= "chat-admin";
        var connection = new NpgsqlConnection(settings.ToString());
        try
        {
            connection.Open();
            using (var exists = PostgresCommands.Command(connection, "SELECT to_regclass('schema_version') IS NOT NULL;"))
            {
                if (exists.ExecuteScalar() is not true)
                {
                    connection.Dispose();
                    return null;
                }
            }
            // Under the migration lock, like a starting host: an older schema is brought up to date.
            PostgresSchema.MigrateAsync(connection, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();
            return new PostgresAdminStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public bool CreateAccount(string username, string passwordHash, DateTime created)
    {
        using var transaction = _connection.BeginTransaction();
        // The same name claims as a registration: no account may look like another.
        if (!PostgresNameClaims.CreateAccount(_connection, new Account(username, passwordHash, username, created)))
            return false;
        transaction.Commit();
        return true;
    }

    public bool ResetPassword(string username, string passwordHash)
    {
        using var transaction = _connection.BeginTransaction();
        if (Execute("UPDATE accounts SET password_hash = $2 WHERE username = $1;", username, passwordHash) != 1)
            return false;
        Execute("DELETE FROM resume_tokens WHERE username = $1;", username);
        transaction.Commit();
        return true;
    }

    public IReadOnlyList<AccountRow> Accounts()
    {
        using var command = PostgresCommands.Command(_connection, "SELECT username, nickname, created, last_seen FROM accounts ORDER BY username;");
        using var reader = command.ExecuteReader();
        var rows = new List<AccountRow>();
        while (reader.Read())
            rows.Add(new AccountRow(reader.GetString(0), reader.GetString(1), reader.GetDateTime(2), reader.IsDBNull(3) ? null : reader.GetDateTime(3)));
        return rows;
    }

    public bool SetHostOperator(string username, bool on) =>
        ChangeAccount(username, "UPDATE accounts SET host_operator = $2 WHERE username = $1;", on ? "operator" : "deop", null, on);

    public bool SetDisabled(string username, bool disabled, string? reason) =>
        ChangeAccount(username, "UPDATE accounts SET disabled = $2 WHERE username = $1;", disabled ? "disable" : "enable", reason, disabled);

    public bool Ban(string username, DateTime? until, string? reason) =>
        ChangeAccount(username,
            """
            INSERT INTO host_bans (username, until, reason, by_user, at) SELECT $1, $2::timestamptz, $3::text, 'admin', $4
            WHERE EXISTS (SELECT 1 FROM accounts WHERE username = $1)
            ON CONFLICT (username) DO UPDATE SET until = excluded.until, reason = excluded.reason, at = excluded.at;
            """,
            "ban", reason,
            until is { } end ? UnixMilliseconds.AsStored(end) : DBNull.Value, (object?)reason ?? DBNull.Value, UnixMilliseconds.AsStored(DateTime.UtcNow));

    public bool Unban(string username) =>
        ChangeAccount(username, "DELETE FROM host_bans WHERE username = $1;", "unban", null);

    public IReadOnlyList<RoomRow> Rooms()
    {
        using var command = PostgresCommands.Command(_connection,
            """
            SELECT m.room, count(*)::int,
                   (SELECT username FROM room_roles r WHERE r.room = m.room AND r.role = 'owner' LIMIT 1),
                   coalesce(bool_or(s.invite_only), false), coalesce(bool_or(s.private), false), coalesce(max(s.topic), '')
            FROM room_members m LEFT JOIN room_settings s ON s.room = m.room
            GROUP BY m.room ORDER BY m.room;
            """);
        using var reader = command.ExecuteReader();
        var rows = new List<RoomRow>();
        while (reader.Read())
            rows.Add(RoomRow.Read(reader));
        return rows;
    }

    public bool DeleteRoom(string room)
    {
        using var transaction = _connection.BeginTransaction();
        if (!AdminStores.DeleteRoomRows(table => Execute($"DELETE FROM {table} WHERE room = $1;", room)))
            return false;
        RecordAction("delete-room", null, room, null);
        transaction.Commit();
        return true;
    }

    public string? Motd()
    {
        using var command = PostgresCommands.Command(_connection, "SELECT value FROM host_settings WHERE name = $1;", SqliteHostSettings.Motd);
        return command.ExecuteScalar() as string;
    }

    public void SetMotd(string text) =>
        Execute("INSERT INTO host_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value;", SqliteHostSettings.Motd, text);

    /// <summary>Runs the change and records it for the running hosts in one transaction; false when it changed no row.</summary>
    private bool ChangeAccount(string username, string sql, string action, string? reason, params object[] values)
    {
        using var transaction = _connection.BeginTransaction();
        if (Execute(sql, [username, .. values]) != 1)
            return false;
        RecordAction(action, username, null, reason);
        transaction.Commit();
        return true;
    }

    private void RecordAction(string action, string? username, string? room, string? reason) =>
        Execute(
            "INSERT INTO admin_actions (action, username, room, reason, at) VALUES ($1, $2::text, $3::text, $4::text, $5);",
            action, (object?)username ?? DBNull.Value, (object?)room ?? DBNull.Value, (object?)reason ?? DBNull.Value, UnixMilliseconds.AsStored(DateTime.UtcNow));

    private int Execute(string sql, params object[] values)
    {
        using var command = PostgresCommands.Command(_connection, sql, values);
        return command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
