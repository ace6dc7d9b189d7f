using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// How the PostgreSQL store builds a command: SQL with positional parameters ($1, $2, ...) and
/// their values in order. Npgsql prepares statements it sees repeatedly by itself (the store
/// turns auto-prepare on), so the message path parses its SQL once per connection.
/// </summary>
internal static class PostgresCommands
{
    /// <summary>A command with its text and parameter values set; the caller disposes it.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        AddValues(command, values);
        return command;
    }

    /// <summary>A command on a pooled connection of its own, for one-statement reads.</summary>
    public static NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        AddValues(command, values);
        return command;
    }

    private static void AddValues(NpgsqlCommand command, object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }
}
