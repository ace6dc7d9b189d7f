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
    public static void OpenFor(SqliteConnection connection, DirectMessageRecord message, int maxPerAccount)
    {
        using var open = connection.Command(
            "INSERT INTO open_directs (username, other, opened) VALUES ($from, $to, $id), ($to, $from, $id) ON CONFLICT DO NOTHING;",
            null,
            ("$from", message.From), ("$to", message.To), ("$id", message.Id));
        if (open.ExecuteNonQuery() == 0 || maxPerAccount <= 0)
            return;
        // Only a list that just grew can be past the bound.
        foreach (var username in message.From == message.To ? [message.From] : new[] { message.From, message.To })
        {
            using var prune = connection.Command(
                """
                DELETE FROM open_directs WHERE username = $username AND opened < (
                    SELECT opened FROM open_directs WHERE username = $username ORDER BY opened DESC LIMIT 1 OFFSET $keep - 1);
                """,
                null,
                ("$username", username), ("$keep", maxPerAccount));
            prune.ExecuteNonQuery();
        }
    }

    public static void Close(SqliteConnection connection, string username, string other)
    {
        using var close = connection.Command("DELETE FROM open_directs WHERE username = $username AND other = $other;", null, ("$username", username), ("$other", other));
        close.ExecuteNonQuery();
    }
}
