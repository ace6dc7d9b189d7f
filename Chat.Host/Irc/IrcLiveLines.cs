using System.Runtime.CompilerServices;
using System.Text;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// The bytes of a live room line as IRC clients see it, made once per fan-out for each set of
/// tags a client can have asked for (message-tags, server-time, account-tag: eight), not once per
/// member. A live line depends only on the frame and those tags (the nick is the frame's, the
/// host part the gateway's), and every member's frame is the same instance
/// (<see cref="IrcFrameDecoder"/>), so the bytes hang on the frame and go when it does.
/// </summary>
public static class IrcLiveLines
{
    /// <summary>The tags a client can ask for, as bits of a tag set.</summary>
    public const int MessageTags = 1, ServerTime = 2, AccountTag = 4;

    private const int TagSets = 8;
    private static readonly ConditionalWeakTable<ChatMessage, byte[]?[]> Rendered = new();

    /// <summary>The line's bytes for <paramref name="tagSet"/> (see <see cref="TagSetOf"/>), rendered the first time it is asked for.</summary>
    public static byte[] For(ChatMessage message, int tagSet)
    {
        var slots = Rendered.GetOrAdd(message, static _ => new byte[TagSets][]);
        // Two connections rendering the same slot at once write equal bytes: either may stay.
        return slots[tagSet] ??= Encoding.UTF8.GetBytes(IrcMessageLines.Room(message, message.Text, tagSet) + "\r\n");
    }

    public static int TagSetOf(IrcConnection irc) =>
        (irc.Has("message-tags") ? MessageTags : 0) | (irc.Has("server-time") ? ServerTime : 0) | (irc.Has("account-tag") ? AccountTag : 0);
}
