using System.Buffers;
using System.Text;
using Chat.Protocol;

namespace Chat.Specs.Protocol;

public class LineFramerSpecs
{
    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static (List<string> Lines, int TooLong, string Remainder) ReadAll(LineFramer framer, ReadOnlySequence<byte> buffer)
    {
        var lines = new List<string>();
        var tooLong = 0;
        while (framer.TryReadLine(ref buffer, out var line) is var status and not LineStatus.NeedMore)
        {
            if (status == LineStatus.TooLong)
                tooLong++;
            else
                lines.Add(Encoding.UTF8.GetString(line.ToArray()));
        }
        return (lines, tooLong, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public void Splits_lines_and_keeps_the_unterminated_rest()
    {
        var (lines, tooLong, remainder) = ReadAll(new LineFramer(100), Bytes("one\ntwo\r\nthr"));

        Assert.Equal(["one", "two"], lines);
        Assert.Equal(0, tooLong);
        Assert.Equal("thr", remainder);
    }

    [Fact]
    public void A_line_split_across_segments_is_one_line()
    {
        var first = new Segment("hel"u8.ToArray());
        var last = first.Append("lo\n"u8.ToArray());
        var (lines, _, remainder) = ReadAll(new LineFramer(100), new ReadOnlySequence<byte>(first, 0, last, 3));

        Assert.Equal(["hello"], lines);
        Assert.Equal("", remainder);
    }

    [Fact]
    public void A_complete_over_long_line_is_reported_once_and_the_next_line_still_reads()
    {
        var (lines, tooLong, _) = ReadAll(new LineFramer(5), Bytes("123456\nok\n"));

        Assert.Equal(1, tooLong);
        Assert.Equal(["ok"], lines);
    }

    [Fact]
    public void An_over_long_line_arriving_in_pieces_is_skipped_without_being_buffered()
    {
        var framer = new LineFramer(5);

        var first = ReadAll(framer, Bytes("1234567"));
        var second = ReadAll(framer, Bytes("89012"));
        var third = ReadAll(framer, Bytes("345\nnext\n"));

        Assert.Equal((1, ""), (first.TooLong, first.Remainder));
        Assert.Equal((0, ""), (second.TooLong, second.Remainder));
        Assert.Equal(0, third.TooLong);
        Assert.Equal(["next"], third.Lines);
    }

    [Fact]
    public void A_line_of_exactly_the_maximum_is_accepted()
    {
        var (lines, tooLong, _) = ReadAll(new LineFramer(5), Bytes("12345\n"));

        Assert.Equal(["12345"], lines);
        Assert.Equal(0, tooLong);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
