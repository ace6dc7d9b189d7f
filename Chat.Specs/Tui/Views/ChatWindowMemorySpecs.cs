using Chat.Protocol;
using Terminal.Gui.Input;
using Xunit.Abstractions;
using static Chat.Specs.Tui.Views.ChatWindowSpecs;

namespace Chat.Specs.Tui.Views;

/// <summary>Rooms, history and away on the real screen.</summary>
[Collection(TerminalCollection.Name)]
public class ChatWindowMemorySpecs(ITestOutputHelper output)
{
    private static ChatMessage Said(string room, long seq) => new(room, "bob", "bob", $"line {seq}", seq, DateTime.UtcNow);

    [Fact]
    public void A_room_shows_beside_the_DMs_with_its_unread_count_and_away_people_are_marked()
    {
        using var host = LiveHost.Start();
        using var bob = LoggedIn(host, "bob");
        using var alice = LoggedIn(host, "alice");
        alice.WaitFor("People (2)");

        // A room alice is in, as the host would show it at login (made up: only its rendering is at stake here).
        alice.Session.Deliver(new HistoryPage([], Complete: true) { Room = "dev" });
        alice.Session.Deliver(Said("dev", 1));
        host.SendDirect("carol", "alice", "psst", nick: "Carol");
        bob.Type("!away lunch");
        bob.Press(Key.Enter);

        alice.WaitFor("bob [away: lunch]");
        bob.WaitFor("bob (me) [away: lunch]");
        alice.WaitFor("3 @Carol (1)");
        var screen = alice.Screen;
        output.WriteLine(screen);
        Assert.Contains("1 #lobby", screen);
        Assert.Contains("2 #dev (1)", screen);

        alice.Press(((Key)'2').WithAlt);

        alice.WaitFor("<bob> line 1");
        Assert.Contains("Message #dev", alice.Screen);
    }

    [Fact]
    public void Paging_up_at_the_top_loads_older_lines_until_the_beginning()
    {
        using var host = LiveHost.Start("chat.history.page-size = 2");
        for (var seq = 1; seq <= 4; seq++)
            host.Say("bob", $"line {seq}");
        using var alice = LoggedIn(host, "alice");
        alice.WaitFor("<bob> line 4");
        Assert.DoesNotContain("beginning of conversation", alice.Screen);
        Assert.DoesNotContain("line 1", alice.Screen);

        // Each PgUp at the top asks for the page before; the host says when there is nothing older.
        for (var press = 0; press < 4 && !alice.Screen.Contains("beginning of conversation", StringComparison.Ordinal); press++)
        {
            alice.Press(Key.PageUp);
            alice.WaitUntil(() => !alice.Session.Lobby.HistoryPending, "the page arrives");
        }

        alice.WaitFor("beginning of conversation");
        var screen = alice.Screen;
        output.WriteLine(screen);
        Assert.True(screen.IndexOf("line 1", StringComparison.Ordinal) < screen.IndexOf("line 4", StringComparison.Ordinal), "older lines above newer ones");
    }
}
