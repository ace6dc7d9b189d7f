namespace Chat.Tui.Session;

/// <summary>How fast the client sends lines to the host: a burst at once, then a steady rate.</summary>
public sealed record SendPace(int Burst, double LinesPerSecond)
{
    /// <summary>
    /// Under the host's default flood gate (a burst of 10, then 2 lines a second, per connection
    /// and per user): the same rate, with two lines of the burst kept back, so that lines that
    /// reach the host bunched together (one delayed on the way, the next on time) still fit.
    /// </summary>
    public static SendPace Default { get; } = new(8, 2);
}
