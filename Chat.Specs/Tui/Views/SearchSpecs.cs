using Terminal.Gui.Input;
using Xunit.Abstractions;

namespace Chat.Specs.Tui.Views;

/// <summary>!search asks the host to search the conversation on screen; the hits show there with their times.</summary>
[Collection(TerminalCollection.Name)]
public class SearchSpecs(ITestOutputHelper output)
{
    [Fact]
    public void Search_shows_the_hits_of_the_conversation_on_screen_with_their_time()
    {
        using var host = LiveHost.Start();
        host.Say("bob", "the deploy went fine");
        host.Say("bob", "lunch at noon");
        host.Say("bob", "deploy again tomorrow");
        using var alice = ChatWindowSpecs.LoggedIn(host, "alice");

        alice.Type("!search DEPLOY");
        alice.Press(Key.Enter);

        alice.WaitFor("2 found in #lobby for \"DEPLOY\"");
        alice.WaitUntil(() => alice.Session.Current.Lines.Count(l => l.Text.StartsWith("  [", StringComparison.Ordinal)) == 2, "both hits");
        var screen = alice.Screen;
        output.WriteLine(screen);
        var hits = alice.Session.Current.Lines.SkipWhile(l => !l.Text.Contains("found in", StringComparison.Ordinal)).Skip(1).Select(l => l.Text).Where(t => t.StartsWith("  [", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, hits.Count);
        Assert.Matches(@"^  \[1\] \d{4}-\d\d-\d\d \d\d:\d\d <bob> the deploy went fine$", hits[0]);
        Assert.Matches(@"^  \[2\] \d{4}-\d\d-\d\d \d\d:\d\d <bob> deploy again tomorrow$", hits[1]);
        Assert.Contains(host.Received.OfType<Chat.Protocol.SearchRequest>(), s => s.Room == "lobby" && s.Text == "DEPLOY");

        alice.Type("!search nowhere");
        alice.Press(Key.Enter);
        alice.WaitUntil(() => alice.Session.Current.Lines.Any(l => l.Text == "Nothing in #lobby has every word of \"nowhere\"."), "the empty answer");
    }

    [Fact]
    public void Search_in_a_DM_looks_only_at_that_conversation()
    {
        using var host = LiveHost.Start();
        host.Register("alice");
        host.SendDirect("bob", "alice", "the secret plan");
        host.Say("bob", "a secret in the lobby");
        using var alice = ChatWindowSpecs.LoggedIn(host, "alice");
        alice.WaitFor("2 @bob (1)");
        alice.Press(((Key)'2').WithAlt);

        alice.Type("!search secret");
        alice.Press(Key.Enter);

        alice.WaitUntil(() => alice.Session.Current.Lines.Any(l => l.Text.StartsWith("1 found in the DMs with bob for \"secret\"", StringComparison.Ordinal)), "the DM's hit");
        Assert.DoesNotContain("<bob> a secret in the lobby", alice.Screen);
    }
}
