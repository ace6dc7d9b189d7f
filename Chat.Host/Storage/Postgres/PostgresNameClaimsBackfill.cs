using Chat.Actors.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// Schema 2 gives existing accounts their name claims, by the rules of SQLite's migration 4:
/// usernames never change; on a clash the older account keeps the key; a nickname that breaks
/// today's rules or looks like a name another account holds goes back to being the account's
/// username. PostgreSQL cannot call <see cref="NameSkeleton"/>, so the claims are worked out
/// here and written in the migration's transaction, under its lock.
/// </summary>
internal static class PostgresNameClaimsBackfill
{
    public static async Task RunAsync(NpgsqlConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        var accounts = new List<(string Username, string Nickname)>();
        await using (var read = PostgresCommands.Command(connection, "SELECT username, nickname FROM accounts ORDER BY created, username;"))
        await using (var rows = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                accounts.Add((rows.GetString(0), rows.GetString(1)));
        }

        var plan = Plan(accounts);
        await using (var claim = PostgresCommands.Command(
            connection,
            "INSERT INTO name_claims (skeleton, username) SELECT * FROM unnest($1::text[], $2::text[]);",
            plan.Claims.Keys.ToArray(),
            plan.Claims.Values.ToArray()))
        {
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var reset = PostgresCommands.Command(
            connection,
            "UPDATE accounts SET nickname = username WHERE username = ANY($1);",
            (object)plan.NicknamesReset.ToArray())) // one text[] parameter, not one per name
        {
            await reset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (plan.NicknamesReset.Count > 0)
            logger.LogWarning("{Count} nicknames broke the name rules or looked like another account's name and went back to their usernames", plan.NicknamesReset.Count);
    }

    /// <summary>Who keeps which key, and whose nickname goes back to the username; accounts oldest first.</summary>
    public static (Dictionary<string, string> Claims, List<string> NicknamesReset) Plan(IReadOnlyList<(string Username, string Nickname)> oldestFirst)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        var nicknames = oldestFirst.ToDictionary(a => a.Username, a => a.Nickname, StringComparer.Ordinal);
        bool HeldByOther(string username, string name) =>
            NameSkeleton.Keys(name).Any(key => claims.TryGetValue(key, out var holder) && holder != username);

        foreach (var (username, _) in oldestFirst)
            Claim(claims, username, username);
        foreach (var (username, _) in oldestFirst)
        {
            var nickname = nicknames[username];
            if (!NicknameRules.TryNormalize(nickname, out var normalized, out _) || normalized != nickname || HeldByOther(username, nickname))
                nicknames[username] = username;
        }

        foreach (var (username, _) in oldestFirst)
            Claim(claims, username, nicknames[username]);
        foreach (var (username, _) in oldestFirst)
        {
            if (HeldByOther(username, nicknames[username]))
                nicknames[username] = username;
        }

        // A nickname that lost half its keys above went back to the username: let the other half go.
        foreach (var (key, holder) in claims.ToList())
        {
            if (!NameSkeleton.Keys(holder).Contains(key) && !NameSkeleton.Keys(nicknames[holder]).Contains(key))
                claims.Remove(key);
        }

        var reset = oldestFirst.Where(a => nicknames[a.Username] != a.Nickname).Select(a => a.Username).ToList();
        return (claims, reset);
    }

    // The first account to claim a key keeps it, as INSERT OR IGNORE does in SQLite's migration.
    private static void Claim(Dictionary<string, string> claims, string username, string name)
    {
        foreach (var key in NameSkeleton.Keys(name))
            claims.TryAdd(key, username);
    }
}
