using Chat.Actors.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// The store's bounds, applied by the writer as part of the writes that grow a table: each
/// message appended prunes at most a few of its room's oldest (a short primary-key range, so
/// the writer never stalls on a big delete and catches up after a bound is lowered), and a DM
/// to a recipient with too many waiting is refused, and so is a join past the rooms an account
/// may be in, into a full room, or making a new room past the rooms the host holds (the lobby
/// is never refused), or making a new room when its joiner created as many as one account may
/// (rooms stay when emptied, so this bounds the rooms table).
/// </summary>
internal static class SqliteStoreBounds
{
    // More than one per append, so a lowered bound is reached again; few, so an append stays cheap.
    private const int PrunedPerAppend = 4;

    public static void PruneRoom(SqliteWriteStatements statements, StoreLimits limits, RoomMessageRecord appended)
    {
        if (limits.MaxMessagesPerRoom <= 0 && limits.MaxMessageAge <= TimeSpan.Zero)
            return;
        var keepFromSeq = limits.MaxMessagesPerRoom > 0 ? appended.Seq - limits.MaxMessagesPerRoom + 1 : long.MinValue;
        var keepFromTs = limits.MaxMessageAge > TimeSpan.Zero ? UnixMilliseconds.FromDateTime(appended.Ts - limits.MaxMessageAge) : long.MinValue;
        statements.Reused(
            """
            DELETE FROM room_messages
            WHERE room = $room AND seq IN (
                SELECT seq FROM (SELECT seq, ts FROM room_messages WHERE room = $room ORDER BY seq LIMIT $batch)
                WHERE seq < $keep_from_seq OR ts < $keep_from_ts);
            """,
            ("$room", appended.Room),
            ("$batch", PrunedPerAppend),
            ("$keep_from_seq", keepFromSeq),
            ("$keep_from_ts", keepFromTs)).ExecuteNonQuery();
    }

    public static void RequireRoomInMailbox(SqliteWriteStatements statements, StoreLimits limits, string recipient)
    {
        if (limits.MaxWaitingDirectMessages <= 0)
            return;
        // Counts at most one past the bound, in the partial index of undelivered DMs.
        var count = statements.Reused(
            "SELECT count(*) FROM (SELECT 1 FROM direct_messages WHERE recipient = $recipient AND delivered = 0 LIMIT $max);",
            ("$recipient", recipient),
            ("$max", limits.MaxWaitingDirectMessages));
        if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) >= limits.MaxWaitingDirectMessages)
            throw new StoreLimitReachedException(
                Chat.Protocol.ErrorCodes.RecipientFull,
                $"{recipient} has {limits.MaxWaitingDirectMessages} direct messages waiting already; try again after they log in");
    }

    public static void RequireRoomForMember(SqliteWriteStatements statements, StoreLimits limits, string room, string username)
    {
        if (room == Chat.Protocol.RoomNames.Lobby || Exists(statements, "SELECT EXISTS (SELECT 1 FROM room_members WHERE room = $room AND username = $username);", room, username))
            return;
        if (limits.MaxRoomsPerAccount > 0
            && Count(statements, "SELECT count(*) FROM (SELECT 1 FROM room_members WHERE username = $username LIMIT $max);", room, username, limits.MaxRoomsPerAccount) >= limits.MaxRoomsPerAccount)
            throw new StoreLimitReachedException(
                Chat.Protocol.ErrorCodes.TooManyRooms,
                $"you are in {limits.MaxRoomsPerAccount} rooms, the most one account may be in; leave one first");
        if (limits.MaxMembersPerRoom > 0
            && Count(statements, "SELECT count(*) FROM (SELECT 1 FROM room_members WHERE room = $room LIMIT $max);", room, username, limits.MaxMembersPerRoom) >= limits.MaxMembersPerRoom)
            throw new StoreLimitReachedException(
                Chat.Protocol.ErrorCodes.RoomFull,
                $"{room} has {limits.MaxMembersPerRoom} members, the most a room may have");
        if (limits.MaxRooms > 0
            && !Exists(statements, "SELECT EXISTS (SELECT 1 FROM room_members WHERE room = $room);", room, username)
            && Count(statements, "SELECT count(*) FROM (SELECT DISTINCT room FROM room_members LIMIT $max);", room, username, limits.MaxRooms) >= limits.MaxRooms)
            throw new StoreLimitReachedException(
                Chat.Protocol.ErrorCodes.TooManyRooms,
                $"the host holds {limits.MaxRooms} rooms, its most; join one that exists");
        if (limits.MaxRoomsCreatedPerAccount > 0
            && !Exists(statements, "SELECT EXISTS (SELECT 1 FROM rooms WHERE room = $room);", room, username)
            && Count(statements, "SELECT count(*) FROM (SELECT 1 FROM rooms WHERE created_by = $username LIMIT $max);", room, username, limits.MaxRoomsCreatedPerAccount) >= limits.MaxRoomsCreatedPerAccount)
            throw new StoreLimitReachedException(Chat.Protocol.ErrorCodes.TooManyRoomsCreated, limits.RoomsCreatedRefusal);
    }

    private static bool Exists(SqliteWriteStatements statements, string sql, string room, string username) =>
        Count(statements, sql, room, username, 0) == 1;

    private static long Count(SqliteWriteStatements statements, string sql, string room, string username, int max) =>
        Convert.ToInt64(statements.Reused(sql, ("$room", room), ("$username", username), ("$max", max)).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
}
