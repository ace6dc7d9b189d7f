using Chat.Host.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Host.Admin;

/// <summary>One account as the admin command lists it.</summary>
internal sealed record AccountRow(string Username, string Nickname, DateTime Created, DateTime? LastSeen);

/// <summary>
/// The admin command's way into the host's SQLite database: its own connection, beside the
/// running host's (WAL lets them share the file; a write waits its turn through busy_timeout).
/// It never creates a database: a wrong --data is an error, not a new empty chat.
/// </summary>
internal sealed class AdminStore : IDisposable
{
    private readonly SqliteConnection _connection;

    private AdminStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Null when the directory holds no chat database.</summary>
    public static AdminStore? Open(string dataDirectory)
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
            return new AdminStore(connection);
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

    public string? Motd() => SqliteHostSettings.Read(_connection, SqliteHostSettings.Motd);

    public void SetMotd(string text) => SqliteHostSettings.Write(_connection, SqliteHostSettings.Motd, text);

    public void Dispose() => _connection.Dispose();
}
