using Chat.Host.Irc;
using Chat.Protocol;

namespace Chat.Specs.Irc;

public sealed class IrcFrameDecoderSpecs
{
    private static readonly DateTime At = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    private static byte[] Encoded(params ServerFrame[] frames) => [.. frames.SelectMany(f => FrameCodec.Server.Encode(f).ToArray())];

    [Fact]
    public void A_fan_out_s_bytes_are_read_once_and_every_member_gets_the_same_frames()
    {
        var decoder = new IrcFrameDecoder();
        var bytes = Encoded(new ChatMessage("lobby", "bob", "Bob", "hi", 1, At), new Joined("lobby", "carol", "Carol"));

        var forFirstMember = decoder.Decode(bytes);
        // The same bytes in another buffer: compared by content, not by reference.
        var forSecondMember = decoder.Decode(bytes.ToArray());

        Assert.Same(forFirstMember, forSecondMember);
        Assert.Equal([new ChatMessage("lobby", "bob", "Bob", "hi", 1, At), new Joined("lobby", "carol", "Carol")], forFirstMember);
    }

    [Fact]
    public void Other_bytes_are_read_afresh_even_in_a_buffer_used_before()
    {
        var decoder = new IrcFrameDecoder();
        var buffer = Encoded(new ChatMessage("lobby", "bob", "Bob", "one", 1, At));
        var first = decoder.Decode(buffer);

        var reused = Encoded(new ChatMessage("lobby", "bob", "Bob", "two", 2, At));
        Assert.Equal(buffer.Length, reused.Length);
        reused.CopyTo(buffer, 0);
        var second = decoder.Decode(buffer);

        Assert.Equal("one", ((ChatMessage)Assert.Single(first)).Text);
        Assert.Equal("two", ((ChatMessage)Assert.Single(second)).Text);
    }

    [Fact]
    public void A_line_that_is_not_a_frame_is_skipped_and_the_rest_are_read()
    {
        var decoder = new IrcFrameDecoder();
        var bytes = Encoded(new Joined("dev", "bob", "Bob")).Concat("not json\n"u8.ToArray()).Concat(Encoded(new Left("dev", "bob", "Bob"))).ToArray();

        Assert.Equal([new Joined("dev", "bob", "Bob"), new Left("dev", "bob", "Bob")], decoder.Decode(bytes));
    }
}
