using System.Text;

namespace Chat.Host.Hosting;

/// <summary>
/// The largest frame the host can write, worked out from the configured limits, and the start-up
/// check that a connection's outbound queue can hold it: a frame larger than the queue would cut
/// off every client that is sent it, whatever they do.
/// </summary>
/// <remarks>
/// A string a client sent costs at most as many bytes going out as it did coming in (the host
/// escapes only quotes, backslashes and controls, which cost the same escaped on the way in), and
/// came in a line of at most max-line-bytes. A message frame carries two such strings (its text
/// and the sender's nickname) and two short names; the factor 3 leaves room for a normalisation
/// that lengthens text (NFKC), and the allowance for the keys, numbers and timestamp.
/// </remarks>
public static class FrameBounds
{
    private const int FixedFieldsAllowance = 1024;

    /// <summary>The largest "message" or "direct" frame: one entry of a history page.</summary>
    public static long LargestMessageFrame(int maxLineBytes) => 2L * 3 * maxLineBytes + FixedFieldsAllowance;

    /// <summary>The largest page or list: its entries within max-reply-bytes, plus the conversation's name and the request id.</summary>
    public static long LargestPage(int maxLineBytes, int maxReplyBytes) => maxReplyBytes + 2L * maxLineBytes + FixedFieldsAllowance;

    /// <summary>A room's fan-out: frames back to back until they reach max-reply-bytes, so at most one message frame more.</summary>
    public static long LargestFanOut(int maxLineBytes, int maxReplyBytes) => maxReplyBytes + LargestMessageFrame(maxLineBytes);

    /// <summary>The welcome frame, made from the operator's own texts (each character escaped at worst).</summary>
    public static long Welcome(string serverName, string motd) => 6L * (serverName.Length + motd.Length) + FixedFieldsAllowance;

    /// <summary>The largest single write to a connection: a frame, or a room's fan-out of several.</summary>
    public static long LargestFrame(HostConfiguration configuration) =>
        new[]
        {
            LargestMessageFrame(configuration.MaxLineBytes),
            LargestPage(configuration.MaxLineBytes, configuration.Chat.MaxReplyBytes),
            LargestFanOut(configuration.MaxLineBytes, configuration.Chat.MaxReplyBytes),
            Welcome(configuration.Chat.ServerName, configuration.Chat.Motd),
        }.Max();

    /// <summary>Throws, saying which key to change, when the configuration lets the host make a frame no connection could hold.</summary>
    public static void Check(HostConfiguration configuration)
    {
        var problems = new StringBuilder();
        var message = LargestMessageFrame(configuration.MaxLineBytes);
        if (configuration.Chat.MaxReplyBytes < message)
            problems.Append($"chat.protocol.max-reply-bytes ({configuration.Chat.MaxReplyBytes}) must be at least {message}, the largest message frame that chat.protocol.max-line-bytes ({configuration.MaxLineBytes}) allows, or a page could not hold one message. ");
        var largest = LargestFrame(configuration);
        if (configuration.OutboundQueueBytes <= largest)
            problems.Append($"chat.protocol.outbound-queue-bytes ({configuration.OutboundQueueBytes}) must be larger than {largest}, the largest frame the host can send with these limits, or that frame would cut off every client it is sent to. ");
        if (problems.Length > 0)
            throw new ArgumentException(problems.ToString().TrimEnd());
    }
}
