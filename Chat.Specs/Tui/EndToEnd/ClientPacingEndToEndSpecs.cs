using Chat.Protocol;
using Chat.Specs.Tui.Session;
using Chat.Tui.Session;
using Chat.Tui.Views;

namespace Chat.Specs.Tui.EndToEnd;

/// <summary>
/// The real client against the real host with a small allowance (a burst of 2, then 10 lines a
/// second, 3 held): a pasted block of 20 lines, sent by a client that does not pace itself, is
/// paced by the host (held, or refused with a hint the client waits out) and arrives whole and in
/// order at another client, while the status bar says how far it got, and nothing shows an error.
/// </summary>
public sealed class ClientPacingEndToEndSpecs
{
    private const string SmallAllowance = "chat.session.flood { burst = 2, lines-per-second = 10, max-held-lines = 3 }";

    [Fact]
    public async Task A_pasted_block_of_20_lines_arrives_whole_and_in_order_and_the_status_shows_the_pacing()
    {
        await using var host = await LiveHost.StartAsync(SmallAllowance);
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        var statuses = new System.Collections.Concurrent.ConcurrentQueue<string>();
        alice.Changed += () => statuses.Enqueue(ChatStatusLine.Describe(alice, 200));
        var block = Enumerable.Range(1, 20).Select(i => $"pasted line {i}").ToArray();

        // As the input bar sends a paste the user chose to send as lines.
        SessionFixture.Unpaced.Dispatch(() => Assert.All(block, line => Assert.True(alice.Submit(line))));

        await Eventually.True(
            () => bob.Lobby.Spoken().Count(l => l.User == "alice") == block.Length,
            "bob has the whole block", TimeSpan.FromSeconds(30));
        Assert.Equal(block, Gated.Read(() => bob.Lobby.Spoken().Where(l => l.User == "alice").Select(l => l.Text).ToList()));
        await Eventually.True(() => alice.Sending is null && alice.Lobby.Spoken().Count(l => l.User == "alice") == block.Length, "alice's status clears once every line is acknowledged");
        Gated.Run(() =>
        {
            Assert.Equal(block, alice.Lobby.Spoken().Where(l => l.User == "alice").Select(l => l.Text));
            Assert.DoesNotContain("sending", ChatStatusLine.Describe(alice, 200), StringComparison.Ordinal);
            Assert.DoesNotContain(alice.Lobby.Lines, l => l.Kind == LineKind.Local && (l.Text.Contains("Slow down", StringComparison.Ordinal) || l.Text.Contains("Not sent", StringComparison.Ordinal)));
            Assert.Equal(ConnectionStatus.Connected, alice.Status);
        });
        Assert.Contains(statuses, s => s.Contains("| sending 12 of 20", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Sent, f => f is Bye);
    }
}
