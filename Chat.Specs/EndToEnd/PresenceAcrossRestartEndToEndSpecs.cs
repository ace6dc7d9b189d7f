using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// Issue 18: a leave that happened is in the room's history after the host restarts, even when
/// the host stopped (gracefully) inside the presence grace that would have decided whether to keep it.
/// </summary>
public sealed class PresenceAcrossRestartEndToEndSpecs() : EndToEndSpec(null, "alice", "bob", "carol")
{
    [Fact]
    public async Task Members_whose_links_the_stopping_host_closed_are_in_history_as_left_after_a_restart()
    {
        var alice = await LogInAsync("alice");
        var bob = await LogInAsync("bob");
        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "before the restart")));

        await Host.RestartAsync();
        await alice.DisposeAsync();
        await bob.DisposeAsync();

        await using var carol = await LogInAsync("carol");
        var page = await carol.ExpectAsync<HistoryPage>(p => p.Room == "lobby");
        var said = page.Messages.OfType<ChatMessage>().Single(m => m.Text == "before the restart").Seq;
        var left = page.Messages.OfType<Left>().Where(l => l.Seq > said).Select(l => l.User).Order().ToList();
        Assert.Equal(["alice", "bob"], left);
    }
}
