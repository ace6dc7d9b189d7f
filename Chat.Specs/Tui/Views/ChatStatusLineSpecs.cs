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

    [Fact]
    public void Before_logging_in_it_names_the_first_of_a_clusters_nodes()
    {
        Assert.True(ServerList.TryParse("a.test:7001,b.test:7002", out var nodes, out _));

        var line = ChatStatusLine.Describe(new ChatSession(nodes), 120);

        Assert.Equal(" disconnected | a.test:7001 | #lobby | F1 Help | Ctrl+Q Quit", line);
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
