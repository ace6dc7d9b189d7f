namespace Chat.Specs.Support;

/// <summary>
/// A clock that stands still until a spec moves it on: what a store stamps with it is known
/// exactly, and two stamps differ by what the spec says, whatever the machine's clock resolution.
/// </summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
