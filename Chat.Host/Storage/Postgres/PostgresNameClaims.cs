using Chat.Actors.Identity;
using Chat.Actors.Storage;
using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// Who holds which name, as <see cref="SqliteNameClaims"/>: each account claims the keys
/// (<see cref="NameSkeleton"/>) of its username and nickname in <c>name_claims</c>, whose
/// primary key makes a key one account's. Several hosts write to one database, so a key is
/// claimed first and checked after: <c>ON CONFLICT DO NOTHING</c> waits for another writer's
/// uncommitted claim of the same key, and the check (a statement of its own, so under READ
/// COMMITTED a fresh snapshot) then sees who holds it. A write that loses takes back what it
/// claimed and changes nothing.
/// </summary>
internal static class PostgresNameClaims
{
    /// <summary>Creates the account with its claims; false when the username, or a name like it, is taken.</summary>
    public static bool CreateAccount(NpgsqlConnection connection, Account account)
    {
        var inserted = Execute(
            connection,
            """
            INSERT INTO accounts (username, password_hash, nickname, created) VALUES ($1, $2, $3, $4)
            ON CONFLICT (username) DO NOTHING;
            """,
            account.Username,
            account.PasswordHash,
            account.Nickname,
            UnixMilliseconds.AsStored(account.Created));
        if (inserted == 0)
            return false;
        if (TryClaim(connection, account.Username, KeysOf(account.Username, account.Nickname)))
            return true;
        Execute(connection, "DELETE FROM accounts WHERE username = $1;", account.Username);
        return false;
    }

    /// <summary>Gives the account the nickname and lets go of its old one; false when another account holds a name like it.</summary>
    public static bool SetNickname(NpgsqlConnection connection, string username, string nickname)
    {
        using (var exists = PostgresCommands.Command(connection, "SELECT EXISTS (SELECT 1 FROM accounts WHERE username = $1);", username))
        {
            // Callers only rename accounts they logged in with; a miss is a bug worth surfacing.
            if (exists.ExecuteScalar() is not true)
                throw new KeyNotFoundException($"No account '{username}'.");
        }

        var keep = KeysOf(username, nickname);
        if (!TryClaim(connection, username, keep))
            return false;
        Execute(connection, "UPDATE accounts SET nickname = $2 WHERE username = $1;", username, nickname);
        Execute(connection, "DELETE FROM name_claims WHERE username = $1 AND skeleton <> ALL($2);", username, keep);
        return true;
    }

    // Sorted, so two writers claiming overlapping keys take them in the same order and the
    // second waits for the first instead of deadlocking with it.
    private static string[] KeysOf(string username, string name) =>
        NameSkeleton.Keys(username).Concat(NameSkeleton.Keys(name)).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static bool TryClaim(NpgsqlConnection connection, string username, string[] keys)
    {
        var claimed = new List<string>();
        using (var claim = PostgresCommands.Command(
            connection,
            """
            INSERT INTO name_claims (skeleton, username) SELECT key, $1 FROM unnest($2::text[]) WITH ORDINALITY AS k (key, n) ORDER BY n
            ON CONFLICT (skeleton) DO NOTHING RETURNING skeleton;
            """,
            username,
            keys))
        using (var rows = claim.ExecuteReader())
        {
            while (rows.Read())
                claimed.Add(rows.GetString(0));
        }

        using (var held = PostgresCommands.Command(
            connection, "SELECT EXISTS (SELECT 1 FROM name_claims WHERE skeleton = ANY($2) AND username <> $1);", username, keys))
        {
            if (held.ExecuteScalar() is false)
                return true;
        }

        Execute(connection, "DELETE FROM name_claims WHERE skeleton = ANY($1);", (object)claimed.ToArray()); // one text[] parameter, not one per key
        return false;
    }

    private static int Execute(NpgsqlConnection connection, string sql, params object[] values)
    {
        using var command = PostgresCommands.Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }
}
