using Chat.Actors.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// The store's bounds, applied by the writer as part of the writes that grow a table: each
/// message appended prunes at most a few of its room's oldest (a short primary-key range, so
/// the writer never stalls on a big delete and catches up after a bound is lowered), and a DM
/// to a recipient with too many waiting is refused.
/// </summary>
internal static class SqliteRetention
{
    // More than one per append, so a lowered bound is reached again; few, so an append stays cheap.
    private const int PrunedPerAppend = 4;

    public static void PruneRoom(SqliteConnection connection, StoreLimits limits, RoomMessageRecord appended)
    {
        if (limits.MaxMessagesPerRoom <= 0 && limits.MaxMessageAge <= TimeSpan.Zero)
            return;
        var keepFromSeq = limits.MaxMessagesPerRoom > 0 ? appended.Seq - limits.MaxMessagesPerRoom + 1 : long.MinValue;
        var keepFromTs = limits.MaxMessageAge > TimeSpan.Zero ? UnixMilliseconds.FromDateTime(appended.Ts - limits.MaxMessageAge) : long.MinValue;
        using var prune = connection.Command(
            """
            DELETE FROM room_messages
            WHERE room = $room AND seq IN (
                SELECT seq FROM (SELECT seq, ts FROM room_messages WHERE room = $room ORDER BY seq LIMIT $batch)
                WHERE seq < $keep_from_seq OR ts < $keep_from_ts);
            """,
            null,
            ("$room", appended.Room),
            ("$batch", PrunedPerAppend),
            ("$keep_from_seq", keepFromSeq),
            ("$keep_from_ts", keepFromTs));
        prune.ExecuteNonQuery();
    }

    public static void RequireRoomInMailbox(SqliteConnection connection, StoreLimits limits, string recipient)
    {
        if (limits.MaxWaitingDirectMessages <= 0)
            return;
        // Counts at most one past the bound, in the partial index of undelivered DMs.
        using var count = connection.Command(
            "SELECT count(*) FROM (SELECT 1 FROM direct_messages WHERE recipient = $recipient AND delivered = 0 LIMIT $max);",
            null,
            ("$recipient", recipient),
            ("$max", limits.MaxWaitingDirectMessages));
        if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) >= limits.MaxWaitingDirectMessages)
            throw new StoreLimitReachedException(
                Chat.Protocol.ErrorCodes.RecipientFull,
                $"{recipient} has {limits.MaxWaitingDirectMessages} direct messages waiting already; try again after they log in");
    }
}
