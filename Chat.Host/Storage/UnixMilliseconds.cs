namespace Chat.Host.Storage;

/// <summary>
/// Timestamps are stored as UTC unix milliseconds: integers that sort, index and read the same
/// in every database and language. Finer precision is dropped on the way in.
/// </summary>
internal static class UnixMilliseconds
{
    public static long FromDateTime(DateTime time)
    {
        // Unspecified is taken as UTC rather than local: the chat only makes UTC times, and
        // guessing "local" would shift them by the server's offset.
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTimeOffset(utc).ToUnixTimeMilliseconds();
    }

    public static DateTime ToDateTime(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;

    /// <summary>The time exactly as a later read will return it.</summary>
    public static DateTime AsStored(DateTime time) => ToDateTime(FromDateTime(time));
}
