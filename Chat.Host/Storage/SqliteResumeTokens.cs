using Chat.Actors.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// The resume-token writes, run on the group-commit writer's connection inside its batch. Logins
/// are rare next to messages, so these are plain commands rather than prepared ones.
/// </summary>
internal static class SqliteResumeTokens
{
    public static void Store(SqliteConnection connection, string tokenHash, string username, DateTime issued, DateTime expires, int maxPerAccount)
    {
        // Tokens of connections that dropped without logging out pile up until they expire;
        // clearing them here keeps the table as small as the set of live tokens.
        Execute(connection, "DELETE FROM resume_tokens WHERE expires <= $now;", ("$now", UnixMilliseconds.FromDateTime(issued)));
        Execute(
            connection,
            "INSERT INTO resume_tokens (token_hash, username, expires) VALUES ($hash, $username, $expires);",
            ("$hash", tokenHash), ("$username", username), ("$expires", UnixMilliseconds.FromDateTime(expires)));
        // Chained resumes and abandoned terminals cannot pile tokens up: the oldest go.
        Execute(
            connection,
            """
            DELETE FROM resume_tokens WHERE username = $username AND token_hash NOT IN (
                SELECT token_hash FROM resume_tokens WHERE username = $username ORDER BY expires DESC LIMIT $keep);
            """,
            ("$username", username), ("$keep", maxPerAccount));
    }

    public static ResumeTokenGrant? Take(SqliteConnection connection, string tokenHash, DateTime now)
    {
        using var command = connection.Command("DELETE FROM resume_tokens WHERE token_hash = $hash RETURNING username, expires;", null, ("$hash", tokenHash));
        using var row = command.ExecuteReader();
        if (!row.Read())
            return null;
        var expires = row.GetInt64(1);
        return expires > UnixMilliseconds.FromDateTime(now) ? new ResumeTokenGrant(row.GetString(0), UnixMilliseconds.ToDateTime(expires)) : null;
    }

    public static int RevokeAllOf(SqliteConnection connection, string username)
    {
        using var command = connection.Command("DELETE FROM resume_tokens WHERE username = $username;", null, ("$username", username));
        return command.ExecuteNonQuery();
    }

    public static void Revoke(SqliteConnection connection, string tokenHash) =>
        Execute(connection, "DELETE FROM resume_tokens WHERE token_hash = $hash;", ("$hash", tokenHash));

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.Command(sql, null, parameters);
        command.ExecuteNonQuery();
    }
}
