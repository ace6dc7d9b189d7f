using System.Text;
using Chat.Host.Irc;
using Chat.Protocol;

namespace Chat.Specs.Irc;

public sealed class IrcLiveLinesSpecs
{
    private static ChatMessage Message(long seq = 7) => new("lobby", "bob", "Bob", "hi", seq, new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Every_member_with_the_same_tags_gets_the_same_bytes()
    {
        var message = Message();

        var forOne = IrcLiveLines.For(message, IrcLiveLines.MessageTags);
        var forAnother = IrcLiveLines.For(message, IrcLiveLines.MessageTags);

        Assert.Same(forOne, forAnother);
        Assert.Equal("@msgid=s7 :Bob!bob@chat PRIVMSG #lobby :hi\r\n", Encoding.UTF8.GetString(forOne));
    }

    [Fact]
    public void Each_set_of_tags_gets_the_line_with_those_tags()
    {
        var message = Message();

        Assert.Equal(":Bob!bob@chat PRIVMSG #lobby :hi\r\n", Encoding.UTF8.GetString(IrcLiveLines.For(message, 0)));
        var all = Encoding.UTF8.GetString(IrcLiveLines.For(message, IrcLiveLines.MessageTags | IrcLiveLines.ServerTime | IrcLiveLines.AccountTag));
        Assert.Contains("msgid=s7", all);
        Assert.Contains("time=2026-12-07T10:00:00.000Z", all);
        Assert.Contains("account=bob", all);
        Assert.EndsWith(" :Bob!bob@chat PRIVMSG #lobby :hi\r\n", all);
    }

    [Fact]
    public void Another_message_is_rendered_as_itself()
    {
        var first = IrcLiveLines.For(Message(seq: 7), IrcLiveLines.MessageTags);
        var next = IrcLiveLines.For(Message(seq: 8) with { Text = "next" }, IrcLiveLines.MessageTags);

        Assert.NotSame(first, next);
        Assert.Equal("@msgid=s8 :Bob!bob@chat PRIVMSG #lobby :next\r\n", Encoding.UTF8.GetString(next));
    }
}
