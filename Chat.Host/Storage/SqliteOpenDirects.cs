using Chat.Actors.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// The open DM conversations of each user's list, written on the group-commit writer's connection
/// inside its batch: a DM opens its conversation for both users (where it was not open), and the
/// list is held at its bound by closing the oldest.
/// </summary>
internal static class SqliteOpenDirects
{
    public static void OpenFor(SqliteWriteStatements statements, DirectMessageRecord message, int maxPerAccount)
    {
        var open = statements.Reused(
            "INSERT INTO open_directs (username, other, opened) VALUES ($from, $to, $id), ($to, $from, $id) ON CONFLICT DO NOTHING;",
            ("$from", message.From), ("$to", message.To), ("$id", message.Id));
        if (open.ExecuteNonQuery() == 0 || maxPerAccount <= 0)
            return;
        // Only a list that just grew can be past the bound.
        foreach (var username in message.From == message.To ? [message.From] : new[] { message.From, message.To })
        {
            statements.Reused(
                """
                DELETE FROM open_directs WHERE username = $username AND opened < (
                    SELECT opened FROM open_directs WHERE username = $username ORDER BY opened DESC LIMIT 1 OFFSET $keep - 1);
                """,
                ("$username", username), ("$keep", maxPerAccount)).ExecuteNonQuery();
        }
    }

    public static void Close(SqliteWriteStatements statements, string username, string other) =>
        statements.Reused("DELETE FROM open_directs WHERE username = $username AND other = $other;", ("$username", username), ("$other", other)).ExecuteNonQuery();
}
