using System.Buffers;
using System.Text;
using Chat.Protocol;
using CsCheck;

namespace Chat.Specs.Protocol;

/// <summary>
/// Property-based fuzzing of the frame reader and the codec: whatever bytes arrive, however the
/// network splits them, the framer gives the same lines and the codec answers with a frame or an
/// error code, never an exception.
/// </summary>
public sealed class FramingFuzzSpecs
{
    private const int MaxLine = 24;
    private const string TooLong = "<too long>";

    private static readonly HashSet<string> DecodeErrors = [ErrorCodes.BadFrame, ErrorCodes.UnknownType];

    [Fact]
    public void The_framer_gives_the_same_lines_however_the_stream_is_split()
    {
        WireGenerators.Bytes
            .SelectMany(bytes => WireGenerators.Cuts(bytes.Length).Select(cuts => (bytes, cuts)))
            .Sample((bytes, cuts) => Assert.Equal(Frame(bytes, []), Frame(bytes, cuts)), iter: 3000);
    }

    [Fact]
    public void Split_at_every_byte_a_stream_of_frames_gives_the_same_lines()
    {
        var stream = Encoding.UTF8.GetBytes("{\"type\":\"ping\"}\r\n\n{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"h\u00e9 \ud83d\ude00\"}\n" + new string('x', 40) + "\nok\r\n");
        var everyByte = Enumerable.Range(1, stream.Length - 1).ToArray();

        Assert.Equal(Frame(stream, []), Frame(stream, everyByte));
        Assert.Equal(["{\"type\":\"ping\"}", "", TooLong, TooLong, "ok"], Frame(stream, everyByte).Select(Text));
    }

    [Fact]
    public void The_framer_agrees_with_the_plain_reading_of_the_rules()
    {
        WireGenerators.Bytes.Sample(bytes => Assert.Equal(ByTheRules(bytes), Frame(bytes, [])), iter: 3000);
    }

    [Fact]
    public void Random_bytes_decode_to_a_frame_or_an_error_never_an_exception()
    {
        WireGenerators.Bytes.Sample(bytes =>
        {
            AssertFrameOrError(FrameCodec.Client.Decode(bytes));
            var fromHost = FrameCodec.Server.Decode(bytes);
            Assert.True(fromHost.IsBlank || fromHost.Frame is not null || fromHost.ErrorCode is not null);
        }, iter: 3000);
    }

    [Fact]
    public void Near_frames_with_wrong_types_and_huge_numbers_decode_or_fail_cleanly_and_what_decodes_round_trips()
    {
        WireGenerators.NearFrame.Sample(json =>
        {
            var decoded = FrameCodec.Client.Decode(Encoding.UTF8.GetBytes(json));
            AssertFrameOrError(decoded);
            if (decoded.Frame is { } frame)
                Assert.Equal(frame, FrameCodec.Client.Decode(FrameCodec.Client.Encode(frame).AsSpan()[..^1]).Frame);
        }, iter: 5000);
    }

    [Fact]
    public void Nesting_past_the_limit_is_a_bad_frame()
    {
        WireGenerators.DeepNesting.Sample(json =>
            Assert.Equal(ErrorCodes.BadFrame, FrameCodec.Client.Decode(Encoding.UTF8.GetBytes(json)).ErrorCode), iter: 200);
    }

    [Fact]
    public void Every_truncation_of_a_frame_is_an_error_not_a_frame()
    {
        ClientFrame[] frames = [new Say("lobby", "h\u00e9llo \ud83d\ude00 w\u00f6rld"), new Login("alice", "p\u00e4ssword"), new Hello(1, "\u65e5\u672c")];
        foreach (var bytes in frames.Select(f => FrameCodec.Client.Encode(f)[..^1]))
        {
            for (var length = 1; length < bytes.Length; length++)
            {
                var decoded = FrameCodec.Client.Decode(bytes.AsSpan(0, length));
                Assert.Null(decoded.Frame);
                Assert.Contains(decoded.ErrorCode!, DecodeErrors);
            }
        }
    }

    private static void AssertFrameOrError(Decoded<ClientFrame> decoded)
    {
        if (decoded.IsBlank)
            return;
        Assert.True(decoded.Frame is not null ^ decoded.ErrorCode is not null);
        if (decoded.ErrorCode is { } code)
            Assert.Contains(code, DecodeErrors);
    }

    /// <summary>Feeds the bytes to a framer in chunks cut at the offsets, as a PipeReader would present them.</summary>
    private static List<string> Frame(byte[] input, int[] cuts)
    {
        var framer = new LineFramer(MaxLine);
        var unconsumed = new List<byte[]>();
        var lines = new List<string>();
        var start = 0;
        foreach (var end in cuts.Append(input.Length))
        {
            unconsumed.Add(input[start..end]);
            start = end;
            var buffer = Segments.Of(unconsumed);
            while (framer.TryReadLine(ref buffer, out var line) is var status and not LineStatus.NeedMore)
                lines.Add(status == LineStatus.TooLong ? TooLong : Convert.ToHexString(line.ToArray()));
            unconsumed = [buffer.ToArray()];
        }
        return lines;
    }

    /// <summary>The rules as docs/protocol.md states them, read off the whole input at once.</summary>
    private static List<string> ByTheRules(byte[] input)
    {
        var parts = Split(input);
        var lines = new List<string>();
        for (var i = 0; i < parts.Count - 1; i++)
        {
            var line = parts[i] is [.. var head, (byte)'\r'] ? head : parts[i];
            lines.Add(line.Length > MaxLine ? TooLong : Convert.ToHexString(line));
        }
        // An unfinished line is reported as soon as it cannot fit any more, even with a '\r' to come off.
        if (parts[^1].Length > MaxLine + 1)
            lines.Add(TooLong);
        return lines;
    }

    private static List<byte[]> Split(byte[] input)
    {
        var parts = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != (byte)'\n')
                continue;
            parts.Add(input[start..i]);
            start = i + 1;
        }
        parts.Add(input[start..]);
        return parts;
    }

    private static string Text(string hexOrMarker) =>
        hexOrMarker == TooLong ? TooLong : Encoding.UTF8.GetString(Convert.FromHexString(hexOrMarker));

    /// <summary>A multi-segment sequence, as a pipe hands over data that arrived in pieces.</summary>
    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Of(IReadOnlyList<byte[]> chunks)
        {
            var first = new Segments(chunks[0], 0);
            var last = first;
            foreach (var chunk in chunks.Skip(1))
            {
                var next = new Segments(chunk, last.RunningIndex + last.Memory.Length);
                last.Next = next;
                last = next;
            }
            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
