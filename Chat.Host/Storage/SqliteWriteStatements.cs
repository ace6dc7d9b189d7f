using Chat.Actors.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// The chat's writes as statements compiled once on the writer connection and reused for
/// every operation, so a busy batch binds parameters instead of parsing SQL. Only the
/// group-commit writer thread touches these.
/// </summary>
internal sealed class SqliteWriteStatements : IDisposable
{
    private readonly SqliteCommand _updatePasswordHash;
    private readonly SqliteCommand _insertRoomMessage;
    private readonly SqliteCommand _insertDirectMessage;
    private readonly SqliteCommand _updateLastSeen;
    private readonly SqliteCommand _insertRoomMember;
    private readonly SqliteCommand _insertRoom;
    private readonly SqliteCommand _deleteRoomMember;
    private readonly SqliteCommand _advanceRoomReadMark;
    private readonly SqliteCommand _markDirectRead;
    private readonly SqliteCommand _markDelivered;
    private readonly List<SqliteCommand> _prepared = [];
    // The writer's other statements (bounds, open DMs, deletes), compiled at their first use.
    private readonly Dictionary<string, SqliteCommand> _reused = new(StringComparer.Ordinal);

    public SqliteWriteStatements(SqliteConnection connection)
    {
        Connection = connection;
        _updatePasswordHash = Prepare(
            "UPDATE accounts SET password_hash = $password_hash WHERE username = $username;",
            ("$username", SqliteType.Text), ("$password_hash", SqliteType.Text));
        _insertRoomMessage = Prepare(
            """
            INSERT INTO room_messages (room, seq, username, nickname, text, ts, event)
            VALUES ($room, $seq, $username, $nickname, $text, $ts, $event);
            """,
            ("$room", SqliteType.Text), ("$seq", SqliteType.Integer), ("$username", SqliteType.Text), ("$nickname", SqliteType.Text), ("$text", SqliteType.Text), ("$ts", SqliteType.Integer), ("$event", SqliteType.Text));
        // Checking the recipient inside the statement keeps "unknown recipient" a plain null
        // result instead of a foreign-key exception that would cost a savepoint rollback.
        _insertDirectMessage = Prepare(
            """
            INSERT INTO direct_messages (sender, sender_nickname, recipient, text, ts)
            SELECT $sender, $sender_nickname, $recipient, $text, $ts
            WHERE EXISTS (SELECT 1 FROM accounts WHERE username = $recipient)
            RETURNING id;
            """,
            ("$sender", SqliteType.Text), ("$sender_nickname", SqliteType.Text), ("$recipient", SqliteType.Text), ("$text", SqliteType.Text), ("$ts", SqliteType.Integer));
        _updateLastSeen = Prepare(
            "UPDATE accounts SET last_seen = $last_seen WHERE username = $username;",
            ("$username", SqliteType.Text), ("$last_seen", SqliteType.Integer));
        // The read mark starts at the room's newest message: history from before joining is
        // not news to the member. Writes are serial, so no append can slip in between.
        _insertRoomMember = Prepare(
            """
            INSERT INTO room_members (room, username, last_read_seq, joined)
            VALUES ($room, $username, (SELECT coalesce(max(seq), 0) FROM room_messages WHERE room = $room), $joined)
            ON CONFLICT (room, username) DO NOTHING;
            """,
            ("$room", SqliteType.Text), ("$username", SqliteType.Text), ("$joined", SqliteType.Integer));
        // The first join of a room makes it, and its joiner is its creator; later joins change nothing.
        _insertRoom = Prepare(
            "INSERT INTO rooms (room, created_by, created) VALUES ($room, $username, $joined) ON CONFLICT (room) DO NOTHING;",
            ("$room", SqliteType.Text), ("$username", SqliteType.Text), ("$joined", SqliteType.Integer));
        _deleteRoomMember = Prepare(
            "DELETE FROM room_members WHERE room = $room AND username = $username;",
            ("$room", SqliteType.Text), ("$username", SqliteType.Text));
        // Marks can arrive out of order from several connections; the highest one wins. A mark
        // past the newest stored message is held at it, or future messages would count as read.
        _advanceRoomReadMark = Prepare(
            """
            UPDATE room_members
            SET last_read_seq = min($upto, (SELECT coalesce(max(seq), 0) FROM room_messages WHERE room = $room))
            WHERE room = $room AND username = $username
              AND last_read_seq < min($upto, (SELECT coalesce(max(seq), 0) FROM room_messages WHERE room = $room));
            """,
            ("$room", SqliteType.Text), ("$username", SqliteType.Text), ("$upto", SqliteType.Integer));
        // "read = 0" and "delivered = 0" let these updates find their rows in the partial indexes.
        _markDirectRead = Prepare(
            """
            UPDATE direct_messages SET read = 1
            WHERE recipient = $username AND sender = $other AND read = 0 AND id <= $upto;
            """,
            ("$username", SqliteType.Text), ("$other", SqliteType.Text), ("$upto", SqliteType.Integer));
        _markDelivered = Prepare(
            """
            UPDATE direct_messages SET delivered = 1
            WHERE recipient = $username AND delivered = 0 AND id <= $upto;
            """,
            ("$username", SqliteType.Text), ("$upto", SqliteType.Integer));
    }

    /// <summary>The writer connection, for the writer's own transaction control.</summary>
    public SqliteConnection Connection { get; }

    public void SetPasswordHash(string username, string passwordHash) =>
        RequireAccount(Execute(_updatePasswordHash, username, passwordHash), username);

    public void AppendRoomMessage(RoomMessageRecord message) =>
        Execute(
            _insertRoomMessage,
            message.Room,
            message.Seq,
            message.Username,
            message.Nickname,
            message.Text,
            UnixMilliseconds.FromDateTime(message.Ts),
            (object?)message.Event ?? DBNull.Value);

    public DirectMessageRecord? AppendDirectMessage(NewDirectMessage message)
    {
        Bind(_insertDirectMessage, message.From, message.FromNickname, message.To, message.Text, UnixMilliseconds.FromDateTime(message.Ts));
        if (_insertDirectMessage.ExecuteScalar() is not long id)
        {
            return null;
        }

        return new DirectMessageRecord(
            id,
            message.From,
            message.FromNickname,
            message.To,
            message.Text,
            UnixMilliseconds.AsStored(message.Ts),
            Delivered: false,
            Read: false);
    }

    public void SetLastSeen(string username, DateTime lastSeen) =>
        RequireAccount(Execute(_updateLastSeen, username, UnixMilliseconds.FromDateTime(lastSeen)), username);

    public bool AddRoomMember(string room, string username, DateTime joined)
    {
        var at = UnixMilliseconds.FromDateTime(joined);
        Execute(_insertRoom, room, username, at);
        return Execute(_insertRoomMember, room, username, at) == 1;
    }

    public void RemoveRoomMember(string room, string username) =>
        Execute(_deleteRoomMember, room, username);

    // A mark for a room the user is not in changes nothing: they may have just left it.
    public void MarkRoomRead(string room, string username, long uptoSeq) =>
        Execute(_advanceRoomReadMark, room, username, uptoSeq);

    public void MarkDirectRead(string username, string other, long uptoId) =>
        Execute(_markDirectRead, username, other, uptoId);

    public void MarkDelivered(string username, long uptoId) =>
        Execute(_markDelivered, username, uptoId);

    /// <summary>
    /// The statement of this SQL, compiled at its first use and kept, with these values bound by
    /// name. Compiling costs more than running a short statement (the parser and the planner ran
    /// for every message appended when each call made its own command), so a statement the
    /// writer runs per message must not be compiled per message. The SQL must be a constant: the
    /// statements are kept for the connection's life. The caller runs the command and does not
    /// dispose of it.
    /// </summary>
    public SqliteCommand Reused(string sql, params (string Name, object Value)[] parameters)
    {
        if (!_reused.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.Prepare();
            _prepared.Add(command);
            _reused[sql] = command;
            return command;
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters[name].Value = value;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _prepared)
        {
            command.Dispose();
        }
    }

    private static void RequireAccount(int changedRows, string username)
    {
        // Callers only change accounts they logged in with; a miss is a bug worth surfacing.
        if (changedRows == 0)
        {
            throw new KeyNotFoundException($"No account '{username}'.");
        }
    }

    private static int Execute(SqliteCommand command, params object[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        _prepared.Add(command);
        return command;
    }
}
