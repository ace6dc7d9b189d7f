using Terminal.Gui.Input;
using Xunit.Abstractions;

namespace Chat.Specs.Tui.Views;

/// <summary>A host that stops is not everyone leaving: the people panel and the chat stay as they were until the host is back.</summary>
[Collection(TerminalCollection.Name)]
public class HostShutdownSpecs(ITestOutputHelper output)
{
    [Fact]
    public void When_the_host_stops_nobody_is_said_to_leave_and_the_people_panel_keeps_everyone_and_me()
    {
        using var host = LiveHost.Start();
        using var bob = ChatWindowSpecs.LoggedIn(host, "bob");
        using var carol = ChatWindowSpecs.LoggedIn(host, "carol");
        bob.WaitFor("People (2)");
        carol.WaitFor("People (2)");

        host.Stop();

        // The reconnect is the marker: whatever the host said before it went is on screen by then.
        bob.WaitFor("reconnecting...");
        carol.WaitFor("reconnecting...");
        foreach (var (client, me, other) in new[] { (bob, "bob", "carol"), (carol, "carol", "bob") })
        {
            var screen = client.Screen;
            output.WriteLine(screen);
            Assert.DoesNotContain(" left", screen);
            Assert.Contains("People (2)", screen);
            Assert.Contains($"{me} (me)", screen);
            Assert.Contains($"│{other} ", screen);
        }
    }
}
