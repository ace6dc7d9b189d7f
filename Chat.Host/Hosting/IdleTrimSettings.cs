using Akka.Configuration;

namespace Chat.Host.Hosting;

/// <summary>
/// When the host gives memory back after a busy spell (<see cref="IdleMemoryTrimmer"/>): HOCON
/// chat.memory.idle-trim. A spell ends when the host allocated less than
/// <see cref="QuietBelowBytes"/> in each of two checks in a row.
/// </summary>
/// <param name="CheckEvery">How often the host looks.</param>
/// <param name="QuietBelowBytes">Allocation between two checks under which the host counts as quiet.</param>
/// <param name="MinSlackBytes">What the GC must hold beyond the live heap, and have grown by since the last trim, to be worth a trim.</param>
public sealed record IdleTrimSettings(bool Enabled, TimeSpan CheckEvery, long QuietBelowBytes, long MinSlackBytes)
{
    public static readonly IdleTrimSettings Default = new(true, TimeSpan.FromSeconds(10), 8L << 20, 8L << 20);

    public static IdleTrimSettings From(Config chat)
    {
        var settings = new IdleTrimSettings(
            chat.GetBoolean("memory.idle-trim.enabled", Default.Enabled),
            chat.GetTimeSpan("memory.idle-trim.check-every", Default.CheckEvery),
            chat.GetByteSize("memory.idle-trim.quiet-below") ?? Default.QuietBelowBytes,
            chat.GetByteSize("memory.idle-trim.min-slack") ?? Default.MinSlackBytes);
        if (settings.CheckEvery <= TimeSpan.Zero)
            throw new ArgumentException($"chat.memory.idle-trim.check-every must be positive, not {settings.CheckEvery}");
        if (settings.QuietBelowBytes <= 0 || settings.MinSlackBytes <= 0)
            throw new ArgumentException("chat.memory.idle-trim.quiet-below and min-slack must be positive sizes");
        return settings;
    }
}
