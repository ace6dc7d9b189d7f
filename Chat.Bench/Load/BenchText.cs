using System.Buffers.Text;

namespace Chat.Bench.Load;

/// <summary>
/// The text of a bench message, "b:SENDER:COUNTER:TICKS": who sent it, its place in the run's
/// schedule (increasing per sender, so receivers check order and loss), and the Stopwatch tick it
/// was scheduled for (so latency includes any lateness of the sender, not just the server).
/// </summary>
internal static class BenchText
{
    public static ReadOnlySpan<byte> Prefix => "b:"u8;

    public static int Write(Span<byte> destination, int sender, long counter, long scheduledTicks)
    {
        Prefix.CopyTo(destination);
        var at = Prefix.Length;
        Utf8Formatter.TryFormat(sender, destination[at..], out var written);
        at += written;
        destination[at++] = (byte)':';
        Utf8Formatter.TryFormat(counter, destination[at..], out written);
        at += written;
        destination[at++] = (byte)':';
        Utf8Formatter.TryFormat(scheduledTicks, destination[at..], out written);
        return at + written;
    }

    /// <summary>A whole request line: the protocol's bytes before the text, the text, the bytes after it.</summary>
    public static int WriteLine(Span<byte> destination, ReadOnlySpan<byte> before, ReadOnlySpan<byte> after, int sender, long counter, long scheduledTicks)
    {
        before.CopyTo(destination);
        var at = before.Length;
        at += Write(destination[at..], sender, counter, scheduledTicks);
        after.CopyTo(destination[at..]);
        return at + after.Length;
    }

    /// <summary>Reads "SENDER:COUNTER:TICKS" (what follows the prefix) without allocating.</summary>
    public static bool TryRead(ReadOnlySpan<byte> afterPrefix, out int sender, out long counter, out long scheduledTicks)
    {
        counter = scheduledTicks = 0;
        if (!Utf8Parser.TryParse(afterPrefix, out sender, out var used) || afterPrefix.Length <= used || afterPrefix[used] != ':')
            return false;
        afterPrefix = afterPrefix[(used + 1)..];
        if (!Utf8Parser.TryParse(afterPrefix, out counter, out used) || afterPrefix.Length <= used || afterPrefix[used] != ':')
            return false;
        return Utf8Parser.TryParse(afterPrefix[(used + 1)..], out scheduledTicks, out _);
    }
}
