using Chat.Actors.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// Who holds which name. Each account claims the keys (<c>chat_name_keys</c>, the confusable
/// skeletons) of its username and of its nickname in <c>name_claims</c>, whose primary key
/// makes a key one account's: no nickname can look like another account's nickname or
/// username. Runs on the group-commit writer's connection, one write at a time, so checking
/// and claiming cannot interleave with another rename; the key is what holds it regardless.
/// </summary>
internal static class SqliteNameClaims
{
    /// <summary>Creates the account with its claims; false when the username, or a name like it, is taken.</summary>
    public static bool CreateAccount(SqliteConnection connection, Account account)
    {
        if (HeldByOther(connection, account.Username, account.Username) || HeldByOther(connection, account.Username, account.Nickname))
            return false;
        using (var insert = connection.Command(
            """
            INSERT INTO accounts (username, password_hash, nickname, created)
            VALUES ($username, $password_hash, $nickname, $created)
            ON CONFLICT (username) DO NOTHING;
            """,
            null,
            ("$username", account.Username),
            ("$password_hash", account.PasswordHash),
            ("$nickname", account.Nickname),
            ("$created", UnixMilliseconds.FromDateTime(account.Created))))
        {
            if (insert.ExecuteNonQuery() == 0)
                return false;
        }
        Claim(connection, account.Username, account.Username);
        Claim(connection, account.Username, account.Nickname);
        return true;
    }

    /// <summary>Gives the account the nickname and lets go of its old one; false when another account holds a name like it.</summary>
    public static bool SetNickname(SqliteConnection connection, string username, string nickname)
    {
        if (HeldByOther(connection, username, nickname))
            return false;
        using (var update = connection.Command(
            "UPDATE accounts SET nickname = $nickname WHERE username = $username;", null, ("$username", username), ("$nickname", nickname)))
        {
            // Callers only rename accounts they logged in with; a miss is a bug worth surfacing.
            if (update.ExecuteNonQuery() == 0)
                throw new KeyNotFoundException($"No account '{username}'.");
        }
        using (var release = connection.Command(
            """
            DELETE FROM name_claims
            WHERE username = $username
              AND skeleton NOT IN (SELECT value FROM json_each(chat_name_keys($username)))
              AND skeleton NOT IN (SELECT value FROM json_each(chat_name_keys($nickname)));
            """,
            null,
            ("$username", username),
            ("$nickname", nickname)))
        {
            release.ExecuteNonQuery();
        }
        Claim(connection, username, nickname);
        return true;
    }

    private static bool HeldByOther(SqliteConnection connection, string username, string name)
    {
        using var query = connection.Command(
            """
            SELECT EXISTS (
                SELECT 1 FROM name_claims
                WHERE skeleton IN (SELECT value FROM json_each(chat_name_keys($name))) AND username <> $username);
            """,
            null,
            ("$username", username),
            ("$name", name));
        return Convert.ToInt64(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    // Keys the account holds already are skipped; a key another account holds is not, so after
    // HeldByOther a conflict here is a bug, and the primary key makes it an error rather than
    // a second holder.
    private static void Claim(SqliteConnection connection, string username, string name)
    {
        using var insert = connection.Command(
            """
            INSERT INTO name_claims (skeleton, username)
            SELECT value, $username FROM json_each(chat_name_keys($name))
            WHERE value NOT IN (SELECT skeleton FROM name_claims WHERE username = $username);
            """,
            null,
            ("$username", username),
            ("$name", name));
        insert.ExecuteNonQuery();
    }
}
