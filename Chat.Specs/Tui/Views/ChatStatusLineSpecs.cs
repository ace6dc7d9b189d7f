using Chat.Tui.Session;
using Chat.Tui.Views;

namespace Chat.Specs.Tui.Views;

public class ChatStatusLineSpecs
{
    private static readonly ChatSession Session = new(new ServerAddress("chat.example.test", 7777));

    [Fact]
    public void It_names_the_server_the_conversation_and_the_keys()
    {
        var line = ChatStatusLine.Describe(Session, 120);

        Assert.Equal(" disconnected | chat.example.test:7777 | #lobby | F1 Help | Ctrl+Q Quit", line);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(40)]
    public void On_a_narrow_terminal_the_keys_stay_in_view(int width)
    {
        var line = ChatStatusLine.Describe(Session, width);

        Assert.EndsWith(ChatStatusLine.Keys, line);
        Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}");
    }
}
