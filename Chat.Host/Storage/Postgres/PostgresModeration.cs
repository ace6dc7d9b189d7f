using Chat.Actors.Storage;
using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// Rooms' moderation, as <see cref="SqliteModeration"/> keeps it, in PostgreSQL's dialect: the
/// writes run on the group-commit writer's connection inside its batch (a change and its audit
/// row commit together), the reads on a pooled connection in one snapshot.
/// </summary>
internal static class PostgresModeration
{
    private const string Ban = "ban", Mute = "mute";

    public static void Record(NpgsqlConnection connection, ModerationChange change)
    {
        var room = change.Room;
        var target = change.Target ?? "";
        switch (change.Action)
        {
            case ModerationActions.Kick:
                LeaveRoom(connection, room, target);
                break;
            case ModerationActions.Ban:
                Restrict(connection, change, Ban);
                LeaveRoom(connection, room, target);
                Execute(connection, "DELETE FROM room_invites WHERE room = $1 AND username = $2;", room, target);
                break;
            case ModerationActions.Mute:
                Restrict(connection, change, Mute);
                break;
            case ModerationActions.Unban or ModerationActions.Unmute:
                Execute(connection, "DELETE FROM room_restrictions WHERE room = $1 AND username = $2 AND kind = $3;",
                    room, target, change.Action == ModerationActions.Unban ? Ban : Mute);
                break;
            case ModerationActions.Invite:
                Execute(connection, "INSERT INTO room_invites (room, username) VALUES ($1, $2) ON CONFLICT DO NOTHING;", room, target);
                break;
            case ModerationActions.Topic:
                Execute(connection, "INSERT INTO room_settings (room, topic) VALUES ($1, $2) ON CONFLICT (room) DO UPDATE SET topic = excluded.topic;",
                    room, change.Topic ?? "");
                break;
            case ModerationActions.Mode:
                Execute(connection,
                    """
                    INSERT INTO room_settings (room, invite_only, private) VALUES ($1, coalesce($2::boolean, false), coalesce($3::boolean, false))
                    ON CONFLICT (room) DO UPDATE SET invite_only = coalesce($2::boolean, room_settings.invite_only), private = coalesce($3::boolean, room_settings.private);
                    """,
                    room, Nullable(change.InviteOnly), Nullable(change.Private));
                break;
            case ModerationActions.Op or ModerationActions.Own:
                var own = change.Action == ModerationActions.Own;
                Execute(connection, "INSERT INTO room_roles (room, username, role) VALUES ($1, $2, $3) ON CONFLICT (room, username) DO UPDATE SET role = excluded.role;",
                    room, own ? change.By : target, own ? RoomRoles.Owner : RoomRoles.Operator);
                break;
            case ModerationActions.Deop:
                Execute(connection, "DELETE FROM room_roles WHERE room = $1 AND username = $2 AND role = $3;", room, target, RoomRoles.Operator);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Action, "not a moderation action");
        }

        Execute(connection,
            """
            INSERT INTO moderation_audit (room, action, by_user, target, reason, until, topic, invite_only, private, at)
            VALUES ($1, $2, $3, $4::text, $5::text, $6::timestamptz, $7::text, $8::boolean, $9::boolean, $10);
            """,
            room, change.Action, change.By, Nullable(change.Target), Nullable(change.Reason), Nullable(change.Until),
            Nullable(change.Topic), Nullable(change.InviteOnly), Nullable(change.Private), UnixMilliseconds.AsStored(change.At));
    }

    public static async Task<StoredRoomModeration> ReadAsync(NpgsqlDataSource dataSource, string room, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var roles = await RowsAsync(connection, "SELECT username, role FROM room_roles WHERE room = $1;", row => (row.GetString(0), row.GetString(1)), room, cancellationToken).ConfigureAwait(false);
        var restrictions = await RowsAsync(connection, "SELECT username, kind, until, reason FROM room_restrictions WHERE room = $1;",
            row => (User: row.GetString(0), Kind: row.GetString(1), Restriction: new Restriction(row.IsDBNull(2) ? null : row.GetDateTime(2), row.IsDBNull(3) ? null : row.GetString(3))),
            room, cancellationToken).ConfigureAwait(false);
        var invited = await RowsAsync(connection, "SELECT username FROM room_invites WHERE room = $1;", row => row.GetString(0), room, cancellationToken).ConfigureAwait(false);
        var settings = await RowsAsync(connection, "SELECT topic, invite_only, private FROM room_settings WHERE room = $1;",
            row => (Topic: row.GetString(0), InviteOnly: row.GetBoolean(1), Private: row.GetBoolean(2)), room, cancellationToken).ConfigureAwait(false);
        var setBy = await RowsAsync(connection, "SELECT by_user, at FROM moderation_audit WHERE room = $1 AND action = 'topic' ORDER BY id DESC LIMIT 1;",
            row => (By: row.GetString(0), At: row.GetDateTime(1)), room, cancellationToken).ConfigureAwait(false);
        await snapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
        var (topic, inviteOnly, isPrivate) = settings is [var s] ? s : ("", false, false);
        return new StoredRoomModeration(
            [.. roles.Select(r => new RoomRoleRow(r.Item1, r.Item2))],
            [.. restrictions.Where(r => r.Kind == Ban).Select(r => new RestrictionRow(r.User, r.Restriction))],
            [.. restrictions.Where(r => r.Kind == Mute).Select(r => new RestrictionRow(r.User, r.Restriction))],
            [.. invited],
            topic, inviteOnly, isPrivate)
        {
            TopicBy = setBy is [var by] ? by.By : null,
            TopicAt = setBy is [var at] ? at.At : null,
        };
    }

    public static async Task<IReadOnlyList<ModerationChange>> AuditAsync(NpgsqlDataSource dataSource, string room, int limit, CancellationToken cancellationToken)
    {
        await using var command = PostgresCommands.Command(dataSource,
            """
            SELECT room, action, by_user, at, target, reason, until, topic, invite_only, private FROM moderation_audit
            WHERE room = $1 ORDER BY id DESC LIMIT $2;
            """, room, limit);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<ModerationChange>();
        while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            changes.Add(new ModerationChange(row.GetString(0), row.GetString(1), row.GetString(2), row.GetDateTime(3))
            {
                Target = row.IsDBNull(4) ? null : row.GetString(4),
                Reason = row.IsDBNull(5) ? null : row.GetString(5),
                Until = row.IsDBNull(6) ? null : row.GetDateTime(6),
                Topic = row.IsDBNull(7) ? null : row.GetString(7),
                InviteOnly = row.IsDBNull(8) ? null : row.GetBoolean(8),
                Private = row.IsDBNull(9) ? null : row.GetBoolean(9),
            });
        return changes;
    }

    /// <summary>Ignoring needs the other's account; taking them off the list always succeeds.</summary>
    public static bool SetIgnored(NpgsqlConnection connection, string username, string other, bool ignored)
    {
        if (!ignored)
        {
            Execute(connection, "DELETE FROM ignores WHERE username = $1 AND ignored = $2;", username, other);
            return true;
        }

        Execute(connection,
            """
            INSERT INTO ignores (username, ignored) SELECT $1, $2
            WHERE EXISTS (SELECT 1 FROM accounts WHERE username = $2) ON CONFLICT DO NOTHING;
            """, username, other);
        using var check = PostgresCommands.Command(connection, "SELECT count(*) FROM ignores WHERE username = $1 AND ignored = $2;", username, other);
        return (long)check.ExecuteScalar()! == 1;
    }

    public static async Task<IReadOnlyList<string>> IgnoredByAsync(NpgsqlDataSource dataSource, string username, CancellationToken cancellationToken)
    {
        await using var command = PostgresCommands.Command(dataSource, "SELECT ignored FROM ignores WHERE username = $1 ORDER BY ignored;", username);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<string>();
        while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            users.Add(row.GetString(0));
        return users;
    }

    private static void Restrict(NpgsqlConnection connection, ModerationChange change, string kind) =>
        Execute(connection,
            """
            INSERT INTO room_restrictions (room, username, kind, until, reason) VALUES ($1, $2, $3, $4::timestamptz, $5::text)
            ON CONFLICT (room, username, kind) DO UPDATE SET until = excluded.until, reason = excluded.reason;
            """,
            change.Room, change.Target!, kind, Nullable(change.Until), Nullable(change.Reason));

    private static void LeaveRoom(NpgsqlConnection connection, string room, string username) =>
        Execute(connection, "DELETE FROM room_members WHERE room = $1 AND username = $2;", room, username);

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    private static object Nullable(bool? value) => value is { } flag ? flag : DBNull.Value;

    private static object Nullable(DateTime? value) => value is { } time ? UnixMilliseconds.AsStored(time) : DBNull.Value;

    private static async Task<List<T>> RowsAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, string room, CancellationToken cancellationToken)
    {
        await using var command = PostgresCommands.Command(connection, sql, room);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(map(reader));
        return rows;
    }

    private static void Execute(NpgsqlConnection connection, string sql, params object[] values)
    {
        using var command = PostgresCommands.Command(connection, sql, values);
        command.ExecuteNonQuery();
    }
}
