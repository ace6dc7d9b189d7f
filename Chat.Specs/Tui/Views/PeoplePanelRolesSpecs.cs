using Chat.Protocol;
using Terminal.Gui.Input;
using Xunit.Abstractions;
using static Chat.Specs.Tui.Views.ChatWindowSpecs;

namespace Chat.Specs.Tui.Views;

/// <summary>
/// Roles in the people panel, on the real screen against the real host: owners ~ and operators @
/// (host operators too), listed owners first, then operators, then the others, each by name, and
/// changed live as the room's owner and the admin command change them.
/// </summary>
[Collection(TerminalCollection.Name)]
public class PeoplePanelRolesSpecs(ITestOutputHelper output)
{
    [Fact]
    public void The_panel_marks_and_sorts_owners_and_operators_and_follows_op_deop_grant_and_revoke()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice", width: 100, height: 30);
        alice.Type("!join dev");
        alice.Press(Key.Enter);
        alice.WaitFor("~alice (me)");
        foreach (var user in new[] { "dave", "bob", "carol" })
            Assert.IsType<Ok>(host.Ask(user, new Join("dev")));
        alice.WaitFor("#dev (4)");

        alice.Type("!op dave");
        alice.Press(Key.Enter);
        alice.WaitFor("@dave");
        Assert.Equal(0, host.Admin("grant-operator", "carol"));
        alice.WaitFor("@carol");

        output.WriteLine(alice.Screen);
        Assert.Equal(["~alice (me)", "@carol", "@dave", "bob"], PanelRows(alice, "~alice", "@carol", "@dave", "bob"));

        alice.Type("!deop dave");
        alice.Press(Key.Enter);
        Assert.Equal(0, host.Admin("revoke-operator", "carol"));
        alice.WaitUntil(() => !alice.Screen.Contains("@dave", StringComparison.Ordinal) && !alice.Screen.Contains("@carol", StringComparison.Ordinal), "dave and carol are plain members again");
        Assert.Equal(["~alice (me)", "bob", "carol", "dave"], PanelRows(alice, "~alice", "bob", "carol", "dave"));
    }

    /// <summary>The panel's rows that start with the names given, top to bottom (the panel is the screen's right-hand column).</summary>
    private static List<string> PanelRows(HeadlessClient client, params string[] names) =>
        client.Screen.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "")
            .Where(cell => names.Any(name => cell.StartsWith(name, StringComparison.Ordinal)))
            .ToList();
}
