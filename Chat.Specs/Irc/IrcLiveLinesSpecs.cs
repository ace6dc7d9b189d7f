using System.Text;
using Chat.Host.Irc;
using Chat.Protocol;

namespace Chat.Specs.Irc;

public sealed class IrcLiveLinesSpecs
{
    private static ChatMessage Message() => new("lobby", "bob", "Bob", "hi", 7, new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void A_live_line_is_rendered_once_for_every_member_with_the_same_tags()
    {
        var message = Message();
        var renders = 0;
        IrcLine Render(ChatMessage m)
        {
            renders++;
            return IrcLine.Of("PRIVMSG", "#lobby", m.Text) with { Source = "Bob!bob@chat" };
        }

        var forOne = IrcLiveLines.For(message, tagSet: 3, Render);
        var forAnother = IrcLiveLines.For(message, tagSet: 3, Render);

        Assert.Same(forOne, forAnother);
        Assert.Equal(1, renders);
        Assert.Equal(":Bob!bob@chat PRIVMSG #lobby :hi\r\n", Encoding.UTF8.GetString(forOne));
    }

    [Fact]
    public void Members_with_other_tags_and_other_lines_get_their_own_rendering()
    {
        var message = Message();
        var other = Message() with { Seq = 8 };

        var plain = IrcLiveLines.For(message, tagSet: 0, m => IrcLine.Of("PRIVMSG", "#lobby", m.Text));
        var tagged = IrcLiveLines.For(message, tagSet: 1, m => IrcLine.Of("PRIVMSG", "#lobby", m.Text) with { Tags = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("msgid", "s7") });
        var next = IrcLiveLines.For(other, tagSet: 0, m => IrcLine.Of("PRIVMSG", "#lobby", "next"));

        Assert.NotSame(plain, tagged);
        Assert.StartsWith("@msgid=s7 ", Encoding.UTF8.GetString(tagged));
        Assert.EndsWith("next\r\n", Encoding.UTF8.GetString(next));
    }
}
