using Chat.Tui.Session;
using Terminal.Gui.Input;
using Xunit.Abstractions;

namespace Chat.Specs.Tui.Views;

/// <summary>
/// Issue 18, item 7: a search hit shown in context. !jump N (or F3) shows the conversation around
/// the hit, highlighted; live lines are held back, not glued under the old page; PgDn pages on
/// to the newest line, and Ctrl+End goes straight back to it.
/// </summary>
[Collection(TerminalCollection.Name)]
public class SearchJumpSpecs(ITestOutputHelper output)
{
    private const int Said = 30;

    [Fact]
    public void Jump_shows_the_hit_in_context_holds_live_lines_back_and_PgDn_pages_on_to_them()
    {
        using var host = LiveHost.Start("chat.history.page-size = 8");
        for (var i = 1; i <= Said; i++)
            host.Say("bob", i == 5 ? "line 5 the needle" : $"line {i}");
        using var alice = ChatWindowSpecs.LoggedIn(host, "alice");
        alice.WaitFor($"line {Said}");

        alice.Type("!search needle");
        alice.Press(Key.Enter);
        alice.WaitUntil(() => Texts(alice).Any(t => t.StartsWith("  [1] ", StringComparison.Ordinal) && t.EndsWith("<bob> line 5 the needle", StringComparison.Ordinal)), "the numbered hit");
        alice.Type("!jump 1");
        alice.Press(Key.Enter);

        alice.WaitFor("» <bob> line 5 the needle");
        output.WriteLine(alice.Screen);
        var lobby = alice.Session.Current;
        Assert.False(lobby.AtLiveEnd);
        Assert.Contains(lobby.Lines, l => l.IsHit && l.Text == "line 5 the needle");
        Assert.DoesNotContain(Texts(alice), t => t == $"line {Said}");
        Assert.Contains("in history", alice.Screen);

        host.Say("bob", "said while alice reads history");
        alice.WaitFor("(1 new)");
        Assert.DoesNotContain("said while alice reads history", alice.Screen);

        for (var presses = 0; !lobby.AtLiveEnd && presses < 40; presses++)
        {
            alice.Press(Key.PageDown);
            alice.WaitUntil(() => !lobby.NewerPending, "the page after");
        }
        Assert.True(lobby.AtLiveEnd);
        var said = Texts(alice).Where(t => t.StartsWith("line ", StringComparison.Ordinal) || t.StartsWith("said ", StringComparison.Ordinal)).ToList();
        // From the page around the hit down to the newest line, each once, then what was held back.
        var first = int.Parse(said[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(first, 1, 5);
        Assert.Equal([.. Enumerable.Range(first, Said - first + 1).Select(i => i == 5 ? "line 5 the needle" : $"line {i}"), "said while alice reads history"], said);

        host.Say("bob", "said once back at the live end");
        alice.WaitFor("said once back at the live end");
    }

    [Fact]
    public void F3_jumps_to_the_newest_hit_and_Ctrl_End_goes_back_to_the_newest_lines()
    {
        using var host = LiveHost.Start("chat.history.page-size = 8");
        for (var i = 1; i <= Said; i++)
            host.Say("bob", i is 4 or 9 ? $"line {i} the needle" : $"line {i}");
        using var alice = ChatWindowSpecs.LoggedIn(host, "alice");
        alice.WaitFor($"line {Said}");
        alice.Type("!search needle");
        alice.Press(Key.Enter);
        alice.WaitUntil(() => Texts(alice).Any(t => t.StartsWith("  [2] ", StringComparison.Ordinal)), "two hits");

        alice.Press(Key.F3);
        alice.WaitFor("» <bob> line 9 the needle");
        alice.Press(Key.F3);
        alice.WaitFor("» <bob> line 4 the needle");
        Assert.DoesNotContain(Texts(alice), t => t == $"line {Said}");

        host.Say("bob", "said meanwhile");
        alice.WaitFor("(1 new)");
        alice.Press(Key.End.WithCtrl);

        alice.WaitFor("said meanwhile");
        var lobby = alice.Session.Current;
        Assert.True(lobby.AtLiveEnd);
        alice.WaitUntil(() => Texts(alice).Contains($"line {Said}"), "the newest page");
        Assert.DoesNotContain(lobby.Lines, l => l.IsHit);
        Assert.Single(Texts(alice), t => t == "said meanwhile");
        Assert.DoesNotContain("in history", alice.Screen);
    }

    private static List<string> Texts(HeadlessClient client) => client.Session.Current.Lines.Select(l => l.Text).ToList();
}
