using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// host_settings: named texts the admin command sets and the running host reads (the message of
/// the day), so a change needs no restart.
/// </summary>
internal static class SqliteHostSettings
{
    public const string Motd = "motd";

    public static string? Read(SqliteConnection connection, string name)
    {
        using var command = connection.Command("SELECT value FROM host_settings WHERE name = $name;", null, ("$name", name));
        return command.ExecuteScalar() as string;
    }

    public static void Write(SqliteConnection connection, string name, string value)
    {
        using var command = connection.Command(
            "INSERT INTO host_settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = excluded.value;",
            null, ("$name", name), ("$value", value));
        command.ExecuteNonQuery();
    }

    /// <summary>A read-only connection to the host's database, for a look that must not get in the writer's way.</summary>
    public static SqliteConnection OpenReadOnly(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(Path.Combine(dataDirectory, SqliteChatStore.FileName)),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
