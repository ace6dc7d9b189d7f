using Chat.Actors.Storage;
using Chat.Protocol;
using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// The store's bounds, as <see cref="SqliteStoreBounds"/> applies them and with the same errors:
/// each message appended prunes at most a few of its room's oldest; a DM to a recipient with too
/// many waiting is refused, and so is a join past the rooms an account may be in, into a full
/// room, or making a new room past the rooms the host holds or the rooms its joiner may create
/// (the lobby is never refused). A
/// refusal is thrown before anything is written, so the batch around it stays good. The appends
/// check inside their one statement: the message path pays no extra round trip.
/// </summary>
internal static class PostgresStoreBounds
{
    // More than one per append, so a lowered bound is reached again; few, so an append stays cheap.
    private const int PrunedPerAppend = 4;

    // Held (until the batch commits) by a writer about to make a new room, so writers of several
    // hosts cannot each see room for one more and all make theirs.
    private const long NewRoomLockKey = 0x63686174_726f6f; // "chatroo"

    public static void AppendRoomMessage(PostgresWriteStatements statements, StoreLimits limits, RoomMessageRecord message)
    {
        if (limits.MaxMessagesPerRoom <= 0 && limits.MaxMessageAge <= TimeSpan.Zero)
        {
            statements.AppendRoomMessage(message);
            return;
        }

        var keepFromSeq = limits.MaxMessagesPerRoom > 0 ? message.Seq - limits.MaxMessagesPerRoom + 1 : long.MinValue;
        var keepFromTs = limits.MaxMessageAge > TimeSpan.Zero
            ? UnixMilliseconds.AsStored(message.Ts - limits.MaxMessageAge)
            : DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        // The DELETE reads the snapshot from before the INSERT, so it never sees (or prunes) the new message.
        using var command = PostgresCommands.Command(
            statements.Connection,
            """
            WITH appended AS (
                INSERT INTO room_messages (room, seq, username, nickname, text, ts, event) VALUES ($1, $2, $3, $4, $5, $6, $10::text))
            DELETE FROM room_messages
            WHERE room = $1 AND seq IN (
                SELECT seq FROM (SELECT seq, ts FROM room_messages WHERE room = $1 ORDER BY seq LIMIT $7) AS oldest
                WHERE seq < $8 OR ts < $9);
            """,
            message.Room,
            message.Seq,
            message.Username,
            message.Nickname,
            message.Text,
            UnixMilliseconds.AsStored(message.Ts),
            PrunedPerAppend,
            keepFromSeq,
            keepFromTs,
            (object?)message.Event ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    public static DirectMessageRecord? AppendDirectMessage(PostgresWriteStatements statements, StoreLimits limits, NewDirectMessage message)
    {
        if (limits.MaxWaitingDirectMessages <= 0)
            return statements.AppendDirectMessage(message);

        var ts = UnixMilliseconds.AsStored(message.Ts);
        // Counts at most the bound, in the partial index of undelivered DMs; stores only below it.
        using var command = PostgresCommands.Command(
            statements.Connection,
            """
            WITH waiting AS (
                SELECT count(*) AS n FROM (SELECT 1 FROM direct_messages WHERE recipient = $3 AND NOT delivered LIMIT $6) AS w),
            appended AS (
                INSERT INTO direct_messages (sender, sender_nickname, recipient, text, ts)
                SELECT $1, $2, $3, $4, $5
                WHERE EXISTS (SELECT 1 FROM accounts WHERE username = $3) AND (SELECT n FROM waiting) < $6
                RETURNING id)
            SELECT (SELECT id FROM appended), (SELECT n FROM waiting);
            """,
            message.From,
            message.FromNickname,
            message.To,
            message.Text,
            ts,
            limits.MaxWaitingDirectMessages);
        using var row = command.ExecuteReader();
        row.Read();
        if (!row.IsDBNull(0))
            return new DirectMessageRecord(row.GetInt64(0), message.From, message.FromNickname, message.To, message.Text, ts, Delivered: false, Read: false);
        if (row.GetInt64(1) >= limits.MaxWaitingDirectMessages)
            throw new StoreLimitReachedException(
                ErrorCodes.RecipientFull,
                $"{message.To} has {limits.MaxWaitingDirectMessages} direct messages waiting already; try again after they log in");
        return null;
    }

    public static void RequireRoomForMember(NpgsqlConnection connection, StoreLimits limits, string room, string username)
    {
        if (room == RoomNames.Lobby || Count(connection, "SELECT count(*) FROM room_members WHERE room = $1 AND username = $2;", room, username) > 0)
            return;
        if (limits.MaxRoomsPerAccount > 0
            && Count(connection, "SELECT count(*) FROM (SELECT 1 FROM room_members WHERE username = $1 LIMIT $2) AS r;", username, limits.MaxRoomsPerAccount) >= limits.MaxRoomsPerAccount)
            throw new StoreLimitReachedException(
                ErrorCodes.TooManyRooms,
                $"you are in {limits.MaxRoomsPerAccount} rooms, the most one account may be in; leave one first");
        if (limits.MaxMembersPerRoom > 0
            && Count(connection, "SELECT count(*) FROM (SELECT 1 FROM room_members WHERE room = $1 LIMIT $2) AS m;", room, limits.MaxMembersPerRoom) >= limits.MaxMembersPerRoom)
            throw new StoreLimitReachedException(
                ErrorCodes.RoomFull,
                $"{room} has {limits.MaxMembersPerRoom} members, the most a room may have");
        var countsRooms = limits.MaxRooms > 0 && !RoomExists(connection, room);
        var countsCreated = limits.MaxRoomsCreatedPerAccount > 0 && !RoomRecorded(connection, room);
        if (!countsRooms && !countsCreated)
            return;
        using (var newRoom = PostgresCommands.Command(connection, "SELECT pg_advisory_xact_lock($1);", NewRoomLockKey))
            newRoom.ExecuteNonQuery();
        // Another host may have made the room while this writer waited for the lock.
        if (countsRooms && !RoomExists(connection, room)
            && Count(connection, "SELECT count(*) FROM (SELECT DISTINCT room FROM room_members LIMIT $1) AS r;", limits.MaxRooms) >= limits.MaxRooms)
            throw new StoreLimitReachedException(
                ErrorCodes.TooManyRooms,
                $"the host holds {limits.MaxRooms} rooms, its most; join one that exists");
        if (countsCreated && !RoomRecorded(connection, room)
            && Count(connection, "SELECT count(*) FROM (SELECT 1 FROM rooms WHERE created_by = $1 LIMIT $2) AS c;", username, limits.MaxRoomsCreatedPerAccount) >= limits.MaxRoomsCreatedPerAccount)
            throw new StoreLimitReachedException(ErrorCodes.TooManyRoomsCreated, limits.RoomsCreatedRefusal);
    }

    /// <summary>Whether the room has members now (the host-wide bound counts those).</summary>
    private static bool RoomExists(NpgsqlConnection connection, string room) =>
        Count(connection, "SELECT count(*) FROM (SELECT 1 FROM room_members WHERE room = $1 LIMIT 1) AS m;", room) > 0;

    /// <summary>Whether the room was ever made (it stays when emptied): joining it creates nothing.</summary>
    private static bool RoomRecorded(NpgsqlConnection connection, string room) =>
        Count(connection, "SELECT count(*) FROM rooms WHERE room = $1;", room) > 0;

    private static long Count(NpgsqlConnection connection, string sql, params object[] values)
    {
        using var command = PostgresCommands.Command(connection, sql, values);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
