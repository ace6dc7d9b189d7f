using System.Diagnostics;

namespace Chat.Protocol;

/// <summary>
/// Time for measuring intervals (rate limits, timeouts): it only moves forward, whatever the
/// wall clock does. The pure rules take it as a parameter so specs can move it by hand.
/// </summary>
public static class MonotonicClock
{
    public static TimeSpan Now() => Stopwatch.GetElapsedTime(0);
}
