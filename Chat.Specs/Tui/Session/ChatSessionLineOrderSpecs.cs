using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>Lines read in time order: what the client writes itself never sits above older lines from the host.</summary>
public class ChatSessionLineOrderSpecs
{
    [Fact]
    public async Task The_welcome_and_the_beginning_of_the_conversation_are_not_stamped_now_above_older_lines()
    {
        await using var host = await LiveHost.StartAsync();
        await host.SayAsync("bob", "said before alice came");

        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        var lines = Gated.Read(() => alice.Lobby.Lines.ToList());
        var said = lines.ToList().FindIndex(l => l.Text == "said before alice came");
        var welcome = lines.ToList().FindIndex(l => l.Kind == LineKind.Local && l.Text.Contains("Welcome", StringComparison.Ordinal));
        Assert.True(said >= 0 && welcome > said, string.Join("\n", lines.Select(l => $"{l.Time:HH:mm:ss.fff} {l.Text}")));
        Assert.Equal("beginning of conversation", lines[0].Text);
        // Stamped as the oldest line under it (bob's "joined", from the page too).
        Assert.Equal(lines[1].Time, lines[0].Time);
        Assert.Equal(lines.Select(l => l.Time).Order(), lines.Select(l => l.Time));
    }
}
