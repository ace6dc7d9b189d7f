using Chat.Actors.Storage;
using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// The chat's writes, run by the group-commit writer thread on its connection, inside its batch
/// transaction. Same statements and rules as <see cref="SqliteWriteStatements"/>, in
/// PostgreSQL's dialect.
/// </summary>
internal sealed class PostgresWriteStatements(NpgsqlConnection connection)
{
    public NpgsqlConnection Connection { get; } = connection;

    public void SetPasswordHash(string username, string passwordHash) =>
        RequireAccount(Execute("UPDATE accounts SET password_hash = $2 WHERE username = $1;", username, passwordHash), username);

    public void SetLastSeen(string username, DateTime lastSeen) =>
        RequireAccount(Execute("UPDATE accounts SET last_seen = $2 WHERE username = $1;", username, UnixMilliseconds.AsStored(lastSeen)), username);

    public void AppendRoomMessage(RoomMessageRecord message) =>
        Execute(
            "INSERT INTO room_messages (room, seq, username, nickname, text, ts, event) VALUES ($1, $2, $3, $4, $5, $6, $7::text);",
            message.Room,
            message.Seq,
            message.Username,
            message.Nickname,
            message.Text,
            UnixMilliseconds.AsStored(message.Ts),
            (object?)message.Event ?? DBNull.Value);

    public DirectMessageRecord? AppendDirectMessage(NewDirectMessage message)
    {
        var ts = UnixMilliseconds.AsStored(message.Ts);
        // Checking the recipient inside the statement keeps "unknown recipient" a plain null
        // result instead of a foreign-key error that would cost the batch a second pass.
        using var command = PostgresCommands.Command(
            Connection,
            """
            INSERT INTO direct_messages (sender, sender_nickname, recipient, text, ts)
            SELECT $1, $2, $3, $4, $5
            WHERE EXISTS (SELECT 1 FROM accounts WHERE username = $3)
            RETURNING id;
            """,
            message.From,
            message.FromNickname,
            message.To,
            message.Text,
            ts);
        return command.ExecuteScalar() is long id
            ? new DirectMessageRecord(id, message.From, message.FromNickname, message.To, message.Text, ts, Delivered: false, Read: false)
            : null;
    }

    // The read mark starts at the room's newest message: history from before joining is not
    // news to the member. The first join of a room makes it, and its joiner is its creator.
    public bool AddRoomMember(string room, string username, DateTime joined) =>
        Execute(
            """
            WITH made AS (
                INSERT INTO rooms (room, created_by, created) VALUES ($1, $2, $3) ON CONFLICT (room) DO NOTHING)
            INSERT INTO room_members (room, username, last_read_seq, joined)
            VALUES ($1, $2, (SELECT coalesce(max(seq), 0) FROM room_messages WHERE room = $1), $3)
            ON CONFLICT (room, username) DO NOTHING;
            """,
            room,
            username,
            UnixMilliseconds.AsStored(joined)) == 1;

    public void RemoveRoomMember(string room, string username) =>
        Execute("DELETE FROM room_members WHERE room = $1 AND username = $2;", room, username);

    // Marks can arrive out of order from several connections; the highest one wins. A mark past
    // the newest stored message is held at it, or future messages would count as read. A mark
    // for a room the user is not in changes nothing: they may have just left it.
    public void MarkRoomRead(string room, string username, long uptoSeq) =>
        Execute(
            """
            UPDATE room_members SET last_read_seq = mark.upto
            FROM (SELECT least($3, (SELECT coalesce(max(seq), 0) FROM room_messages WHERE room = $1)) AS upto) AS mark
            WHERE room = $1 AND username = $2 AND last_read_seq < mark.upto;
            """,
            room,
            username,
            uptoSeq);

    // "NOT read" and "NOT delivered" let these updates find their rows in the partial indexes.
    public void MarkDirectRead(string username, string other, long uptoId) =>
        Execute("UPDATE direct_messages SET read = true WHERE recipient = $1 AND sender = $2 AND NOT read AND id <= $3;", username, other, uptoId);

    public void MarkDelivered(string username, long uptoId) =>
        Execute("UPDATE direct_messages SET delivered = true WHERE recipient = $1 AND NOT delivered AND id <= $2;", username, uptoId);

    public void StoreResumeToken(string tokenHash, string username, DateTime issued, DateTime expires, int maxPerAccount)
    {
        // Tokens of connections that dropped without logging out pile up until they expire;
        // clearing them here keeps the table as small as the set of live tokens.
        Execute("DELETE FROM resume_tokens WHERE expires <= $1;", UnixMilliseconds.AsStored(issued));
        Execute(
            "INSERT INTO resume_tokens (token_hash, username, expires) VALUES ($1, $2, $3);",
            tokenHash,
            username,
            UnixMilliseconds.AsStored(expires));
        // Chained resumes and abandoned terminals cannot pile tokens up: the oldest go.
        Execute(
            """
            DELETE FROM resume_tokens WHERE username = $1 AND token_hash NOT IN (
                SELECT token_hash FROM resume_tokens WHERE username = $1 ORDER BY expires DESC LIMIT $2);
            """,
            username,
            maxPerAccount);
    }

    public ResumeTokenGrant? TakeResumeToken(string tokenHash, DateTime now)
    {
        using var command = PostgresCommands.Command(Connection, "DELETE FROM resume_tokens WHERE token_hash = $1 RETURNING username, expires;", tokenHash);
        using var row = command.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        var expires = row.GetDateTime(1);
        return expires > UnixMilliseconds.AsStored(now) ? new ResumeTokenGrant(row.GetString(0), expires) : null;
    }

    public void RevokeResumeToken(string tokenHash) =>
        Execute("DELETE FROM resume_tokens WHERE token_hash = $1;", tokenHash);

    public int RevokeResumeTokensOf(string username) =>
        Execute("DELETE FROM resume_tokens WHERE username = $1;", username);

    /// <summary>A DM opens its conversation on both users' lists where it was not open; a list that grew past the bound closes its oldest.</summary>
    public void OpenDirectFor(DirectMessageRecord message, int maxPerAccount)
    {
        var opened = Execute(
            "INSERT INTO open_directs (username, other, opened) VALUES ($1, $2, $3), ($2, $1, $3) ON CONFLICT DO NOTHING;",
            message.From, message.To, message.Id);
        if (opened == 0 || maxPerAccount <= 0)
            return;
        foreach (var username in message.From == message.To ? [message.From] : new[] { message.From, message.To })
        {
            Execute(
                """
                DELETE FROM open_directs WHERE username = $1 AND opened < (
                    SELECT opened FROM open_directs WHERE username = $1 ORDER BY opened DESC LIMIT 1 OFFSET $2 - 1);
                """,
                username, maxPerAccount);
        }
    }

    public void CloseDirect(string username, string other) =>
        Execute("DELETE FROM open_directs WHERE username = $1 AND other = $2;", username, other);

    private static void RequireAccount(int changedRows, string username)
    {
        // Callers only change accounts they logged in with; a miss is a bug worth surfacing.
        if (changedRows == 0)
        {
            throw new KeyNotFoundException($"No account '{username}'.");
        }
    }

    private int Execute(string sql, params object[] values)
    {
        using var command = PostgresCommands.Command(Connection, sql, values);
        return command.ExecuteNonQuery();
    }
}
