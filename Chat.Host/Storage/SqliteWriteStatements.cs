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
    private readonly SqliteCommand _insertAccount;
    private readonly SqliteCommand _updateNickname;
    private readonly SqliteCommand _updatePasswordHash;
    private readonly SqliteCommand _insertRoomMessage;
    private readonly SqliteCommand _insertDirectMessage;

    public SqliteWriteStatements(SqliteConnection connection)
    {
        Connection = connection;
        _insertAccount = Prepare(
            """
            INSERT INTO accounts (username, password_hash, nickname, created)
            VALUES ($username, $password_hash, $nickname, $created)
            ON CONFLICT (username) DO NOTHING;
            """,
            ("$username", SqliteType.Text), ("$password_hash", SqliteType.Text), ("$nickname", SqliteType.Text), ("$created", SqliteType.Integer));
        _updateNickname = Prepare(
            "UPDATE accounts SET nickname = $nickname WHERE username = $username;",
            ("$username", SqliteType.Text), ("$nickname", SqliteType.Text));
        _updatePasswordHash = Prepare(
            "UPDATE accounts SET password_hash = $password_hash WHERE username = $username;",
            ("$username", SqliteType.Text), ("$password_hash", SqliteType.Text));
        _insertRoomMessage = Prepare(
            """
            INSERT INTO room_messages (room, seq, username, nickname, text, ts)
            VALUES ($room, $seq, $username, $nickname, $text, $ts);
            """,
            ("$room", SqliteType.Text), ("$seq", SqliteType.Integer), ("$username", SqliteType.Text), ("$nickname", SqliteType.Text), ("$text", SqliteType.Text), ("$ts", SqliteType.Integer));
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
    }

    /// <summary>The writer connection, for the writer's own transaction control.</summary>
    public SqliteConnection Connection { get; }

    public bool CreateAccount(Account account) =>
        Execute(
            _insertAccount,
            account.Username,
            account.PasswordHash,
            account.Nickname,
            UnixMilliseconds.FromDateTime(account.Created)) == 1;

    public void SetNickname(string username, string nickname) =>
        RequireAccount(Execute(_updateNickname, username, nickname), username);

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
            UnixMilliseconds.FromDateTime(message.Ts));

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

    public void Dispose()
    {
        _insertAccount.Dispose();
        _updateNickname.Dispose();
        _updatePasswordHash.Dispose();
        _insertRoomMessage.Dispose();
        _insertDirectMessage.Dispose();
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
        return command;
    }
}
