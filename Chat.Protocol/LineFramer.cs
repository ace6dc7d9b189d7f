using System.Buffers;

namespace Chat.Protocol;

public enum LineStatus
{
    /// <summary>No complete line yet; read more.</summary>
    NeedMore,
    /// <summary>A complete line (without its terminator) is in the out parameter.</summary>
    Line,
    /// <summary>A line passed the maximum length; it is being skipped up to its end. Reported once per line.</summary>
    TooLong,
}

/// <summary>
/// Splits a byte stream into '\n'-terminated lines of at most a fixed length, knowing nothing
/// of what the lines mean. A trailing '\r' is dropped so that telnet-style clients work. An
/// over-long line is reported once and then discarded up to its terminator without buffering it.
/// </summary>
public sealed class LineFramer(int maxLineBytes)
{
    private bool _skippingLongLine;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>
    /// Takes the next line off the front of <paramref name="buffer"/>. On return the buffer holds
    /// what is left unconsumed; its start is the position to pass to PipeReader.AdvanceTo.
    /// </summary>
    public LineStatus TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        while (true)
        {
            line = default;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is null)
            {
                if (_skippingLongLine)
                {
                    buffer = buffer.Slice(buffer.End);
                    return LineStatus.NeedMore;
                }
                // One byte of slack: a '\r' that comes off when the '\n' arrives must not make a
                // line that fits "too long" only because the network split it there.
                if (buffer.Length > MaxLineBytes + 1)
                {
                    _skippingLongLine = true;
                    buffer = buffer.Slice(buffer.End);
                    return LineStatus.TooLong;
                }
                return LineStatus.NeedMore;
            }

            var candidate = buffer.Slice(0, newline.Value);
            buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
            if (_skippingLongLine)
            {
                _skippingLongLine = false;
                continue;
            }
            if (candidate.Length > 0 && EndsWithCarriageReturn(candidate))
                candidate = candidate.Slice(0, candidate.Length - 1);
            if (candidate.Length > MaxLineBytes)
                return LineStatus.TooLong;
            line = candidate;
            return LineStatus.Line;
        }
    }

    private static bool EndsWithCarriageReturn(in ReadOnlySequence<byte> line)
    {
        var last = line.Slice(line.Length - 1);
        return last.FirstSpan[0] == (byte)'\r';
    }
}
