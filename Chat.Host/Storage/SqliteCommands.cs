using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// How the store builds a one-off command (reads, migrations, resume tokens). The writes of the
/// message path are prepared once instead, in <see cref="SqliteWriteStatements"/>.
/// </summary>
internal static class SqliteCommands
{
    /// <summary>A command with its text, transaction and parameter values set; the caller disposes it.</summary>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }
}
