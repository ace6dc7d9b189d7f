using Chat.Actors.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// Rooms' moderation: the writes run on the group-commit writer's connection inside its batch
/// (a change and its audit row commit together), the reads on a read-only connection.
/// Moderation is rare next to messages, so these are plain commands rather than prepared ones.
/// </summary>
internal static class SqliteModeration
{
    private const string Ban = "ban", Mute = "mute";

    public static void Record(SqliteConnection connection, ModerationChange change)
    {
        var room = change.Room;
        object target = change.Target ?? "";
        switch (change.Action)
        {
            case ModerationActions.Kick:
                LeaveRoom(connection, room, target);
                break;
            case ModerationActions.Ban:
                Restrict(connection, change, Ban);
                LeaveRoom(connection, room, target);
                Execute(connection, "DELETE FROM room_invites WHERE room = $room AND username = $user;", ("$room", room), ("$user", target));
                break;
            case ModerationActions.Mute:
                Restrict(connection, change, Mute);
                break;
            case ModerationActions.Unban or ModerationActions.Unmute:
                Execute(connection, "DELETE FROM room_restrictions WHERE room = $room AND username = $user AND kind = $kind;",
                    ("$room", room), ("$user", target), ("$kind", change.Action == ModerationActions.Unban ? Ban : Mute));
                break;
            case ModerationActions.Invite:
                Execute(connection, "INSERT INTO room_invites (room, username) VALUES ($room, $user) ON CONFLICT DO NOTHING;", ("$room", room), ("$user", target));
                break;
            case ModerationActions.Topic:
                Execute(connection, "INSERT INTO room_settings (room, topic) VALUES ($room, $topic) ON CONFLICT (room) DO UPDATE SET topic = excluded.topic;",
                    ("$room", room), ("$topic", change.Topic ?? ""));
                break;
            case ModerationActions.Mode:
                Execute(connection,
                    """
                    INSERT INTO room_settings (room, invite_only, private) VALUES ($room, coalesce($invite_only, 0), coalesce($private, 0))
                    ON CONFLICT (room) DO UPDATE SET invite_only = coalesce($invite_only, invite_only), private = coalesce($private, private);
                    """,
                    ("$room", room), ("$invite_only", Nullable(change.InviteOnly)), ("$private", Nullable(change.Private)));
                break;
            case ModerationActions.Op or ModerationActions.Own:
                Execute(connection, "INSERT INTO room_roles (room, username, role) VALUES ($room, $user, $role) ON CONFLICT (room, username) DO UPDATE SET role = excluded.role;",
                    ("$room", room), ("$user", change.Action == ModerationActions.Own ? change.By : target),
                    ("$role", change.Action == ModerationActions.Own ? RoomRoles.Owner : RoomRoles.Operator));
                break;
            case ModerationActions.Deop:
                Execute(connection, "DELETE FROM room_roles WHERE room = $room AND username = $user AND role = $role;", ("$room", room), ("$user", target), ("$role", RoomRoles.Operator));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Action, "not a moderation action");
        }

        Execute(connection,
            """
            INSERT INTO moderation_audit (room, action, by_user, target, reason, until, topic, invite_only, private, at)
            VALUES ($room, $action, $by, $target, $reason, $until, $topic, $invite_only, $private, $at);
            """,
            ("$room", room), ("$action", change.Action), ("$by", change.By), ("$target", Nullable(change.Target)), ("$reason", Nullable(change.Reason)),
            ("$until", Nullable(change.Until)), ("$topic", Nullable(change.Topic)), ("$invite_only", Nullable(change.InviteOnly)), ("$private", Nullable(change.Private)),
            ("$at", UnixMilliseconds.FromDateTime(change.At)));
    }

    public static StoredRoomModeration Read(SqliteConnection connection, string room)
    {
        using var snapshot = connection.BeginTransaction(deferred: true);
        var roles = Rows(snapshot, "SELECT username, role FROM room_roles WHERE room = $room;", row => (row.GetString(0), row.GetString(1)), room);
        var restrictions = Rows(snapshot, "SELECT username, kind, until, reason FROM room_restrictions WHERE room = $room;",
            row => (User: row.GetString(0), Kind: row.GetString(1), Restriction: new Restriction(row.IsDBNull(2) ? null : UnixMilliseconds.ToDateTime(row.GetInt64(2)), row.IsDBNull(3) ? null : row.GetString(3))), room);
        var invited = Rows(snapshot, "SELECT username FROM room_invites WHERE room = $room;", row => row.GetString(0), room);
        var settings = Rows(snapshot, "SELECT topic, invite_only, private FROM room_settings WHERE room = $room;", row => (Topic: row.GetString(0), InviteOnly: row.GetBoolean(1), Private: row.GetBoolean(2)), room);
        var setBy = Rows(snapshot, "SELECT by_user, at FROM moderation_audit WHERE room = $room AND action = 'topic' ORDER BY id DESC LIMIT 1;",
            row => (By: row.GetString(0), At: UnixMilliseconds.ToDateTime(row.GetInt64(1))), room);
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

    public static IReadOnlyList<ModerationChange> Audit(SqliteConnection connection, string room, int limit)
    {
        using var command = connection.Command(
            """
            SELECT room, action, by_user, at, target, reason, until, topic, invite_only, private FROM moderation_audit
            WHERE room = $room ORDER BY id DESC LIMIT $limit;
            """, null, ("$room", room), ("$limit", limit));
        using var row = command.ExecuteReader();
        var changes = new List<ModerationChange>();
        while (row.Read())
            changes.Add(new ModerationChange(row.GetString(0), row.GetString(1), row.GetString(2), UnixMilliseconds.ToDateTime(row.GetInt64(3)))
            {
                Target = row.IsDBNull(4) ? null : row.GetString(4),
                Reason = row.IsDBNull(5) ? null : row.GetString(5),
                Until = row.IsDBNull(6) ? null : UnixMilliseconds.ToDateTime(row.GetInt64(6)),
                Topic = row.IsDBNull(7) ? null : row.GetString(7),
                InviteOnly = row.IsDBNull(8) ? null : row.GetBoolean(8),
                Private = row.IsDBNull(9) ? null : row.GetBoolean(9),
            });
        return changes;
    }

    /// <summary>Ignoring needs the other's account; taking them off the list always succeeds.</summary>
    public static bool SetIgnored(SqliteConnection connection, string username, string other, bool ignored)
    {
        if (!ignored)
        {
            Execute(connection, "DELETE FROM ignores WHERE username = $user AND ignored = $other;", ("$user", username), ("$other", other));
            return true;
        }

        using var command = connection.Command(
            """
            INSERT INTO ignores (username, ignored) SELECT $user, $other
            WHERE EXISTS (SELECT 1 FROM accounts WHERE username = $other) ON CONFLICT DO NOTHING;
            """, null, ("$user", username), ("$other", other));
        command.ExecuteNonQuery();
        using var check = connection.Command("SELECT count(*) FROM ignores WHERE username = $user AND ignored = $other;", null, ("$user", username), ("$other", other));
        return Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public static IReadOnlyList<string> IgnoredBy(SqliteConnection connection, string username)
    {
        using var command = connection.Command("SELECT ignored FROM ignores WHERE username = $user ORDER BY ignored;", null, ("$user", username));
        using var row = command.ExecuteReader();
        var users = new List<string>();
        while (row.Read())
            users.Add(row.GetString(0));
        return users;
    }

    private static void Restrict(SqliteConnection connection, ModerationChange change, string kind) =>
        Execute(connection,
            """
            INSERT INTO room_restrictions (room, username, kind, until, reason) VALUES ($room, $user, $kind, $until, $reason)
            ON CONFLICT (room, username, kind) DO UPDATE SET until = excluded.until, reason = excluded.reason;
            """,
            ("$room", change.Room), ("$user", change.Target!), ("$kind", kind), ("$until", Nullable(change.Until)), ("$reason", Nullable(change.Reason)));

    private static void LeaveRoom(SqliteConnection connection, string room, object username) =>
        Execute(connection, "DELETE FROM room_members WHERE room = $room AND username = $user;", ("$room", room), ("$user", username));

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    private static object Nullable(bool? value) => value is { } flag ? (flag ? 1 : 0) : DBNull.Value;

    private static object Nullable(DateTime? value) => value is { } time ? UnixMilliseconds.FromDateTime(time) : DBNull.Value;

    private static List<T> Rows<T>(SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> map, string room)
    {
        using var command = transaction.Connection!.Command(sql, transaction, ("$room", room));
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(map(reader));
        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.Command(sql, null, parameters);
        command.ExecuteNonQuery();
    }
}
