using Chat.Tui.Session;
using Xunit.Abstractions;

namespace Chat.Specs.Tui.Views;

/// <summary>Joins and nickname changes come back from a room's history, in their place among the messages, each once.</summary>
[Collection(TerminalCollection.Name)]
public class PresenceFromHistorySpecs(ITestOutputHelper output)
{
    [Fact]
    public void A_join_and_a_rename_from_history_show_in_time_order_among_the_messages_and_the_own_join_once()
    {
        using var host = LiveHost.Start();
        host.Say("bob", "first");
        host.ChangeNick("bob", "Bobcat");
        host.Say("bob", "second");

        using var alice = ChatWindowSpecs.LoggedIn(host, "alice");

        alice.WaitUntil(() => alice.Session.Current.Lines.Any(l => l.Text == "second"), "the lobby's page");
        alice.WaitFor("alice joined");
        output.WriteLine(alice.Screen);
        var lines = alice.Session.Current.Lines.Where(l => l.Kind != LineKind.Local).ToList();
        var texts = lines.Select(l => l.Text).ToList();
        var expected = new[] { "bob joined", "first", "bob is now known as Bobcat", "second", "alice joined" };
        Assert.Equal(expected, texts.Where(expected.Contains));
        Assert.Single(texts, "alice joined");
        Assert.Equal(LineKind.Notice, lines[texts.IndexOf("bob joined")].Kind);
        // Stamped with the host's times, so they read in order.
        var times = expected.Select(text => lines[texts.IndexOf(text)].Time).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Contains("bob joined", alice.Screen);
    }
}
