namespace Chat.Actors;

/// <summary>
/// Timestamps at millisecond precision: what the store keeps, so a message read back from
/// history equals the one delivered live.
/// </summary>
public static class UtcClock
{
    public static DateTime Now(TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}
