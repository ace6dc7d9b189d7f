using Chat.Host.Hosting;

namespace Chat.Specs.Hosting;

/// <summary>The outbound queue must hold the largest frame the host can make; the host checks at start-up.</summary>
public class FrameBoundsSpecs
{
    private static HostConfiguration Load(string overrides) => HostConfiguration.Load(new ChatHostOptions { ConfigOverrides = overrides });

    [Fact]
    public void The_shipped_limits_leave_the_outbound_queue_larger_than_any_frame()
    {
        var configuration = Load("");

        Assert.True(configuration.OutboundQueueBytes > FrameBounds.LargestFrame(configuration));
        Assert.Equal(131072, configuration.Chat.MaxReplyBytes);
    }

    [Fact]
    public void An_outbound_queue_smaller_than_a_page_is_refused_naming_the_key()
    {
        var refusal = Assert.Throws<ArgumentException>(() => Load("chat.protocol.outbound-queue-bytes = 131072"));

        Assert.Contains("chat.protocol.outbound-queue-bytes", refusal.Message);
    }

    [Fact]
    public void A_reply_budget_that_cannot_hold_one_message_is_refused()
    {
        var refusal = Assert.Throws<ArgumentException>(() => Load("chat.protocol.max-reply-bytes = 4096"));

        Assert.Contains("chat.protocol.max-reply-bytes", refusal.Message);
    }

    [Fact]
    public void Longer_lines_need_a_larger_queue()
    {
        Assert.Throws<ArgumentException>(() => Load("chat.protocol.max-line-bytes = 1048576"));
    }

    [Fact]
    public void A_rooms_fan_out_counts_as_one_write()
    {
        var configuration = Load("");

        Assert.True(FrameBounds.LargestFrame(configuration) >= FrameBounds.LargestFanOut(configuration.MaxLineBytes, configuration.Chat.MaxReplyBytes));
    }
}
