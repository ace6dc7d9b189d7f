using System.Collections.Concurrent;
using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>
/// A pasted block of lines against a host that paces them: they go one at a time, in order; a line
/// the host refuses as rate_limited goes again after the wait it was given, and the user sees how
/// far the block has got, never an error. The host is scripted, so the refusal comes exactly where
/// the spec puts it.
/// </summary>
public class ChatSessionPacingSpecs
{
    private readonly ConcurrentQueue<string> _saidToHost = new();
    private int _seq;

    /// <summary>A host that takes every say, but refuses the first attempt of <paramref name="refuse"/> with a 100 ms hint.</summary>
    private ScriptedHost HostRefusingOnce(string refuse)
    {
        var refused = 0;
        return new ScriptedHost(frame => frame switch
        {
            Hello => [ScriptedHost.Answer(frame, new Welcome(1, "scripted", ""))],
            Login login => [ScriptedHost.Answer(frame, new Ok { User = login.User, Nick = login.User })],
            Who => [ScriptedHost.Answer(frame, new Roster(RoomNames.Lobby, [new Member("alice", "alice")]))],
            Say say => Take(say, say.Text == refuse && Interlocked.Exchange(ref refused, 1) == 0),
            _ => [],
        });
    }

    private IEnumerable<byte[]> Take(Say say, bool refuse)
    {
        _saidToHost.Enqueue(say.Text);
        return refuse
            ? [ScriptedHost.Answer(say, new ErrorReply(ErrorCodes.RateLimited, "slow down") { RetryAfterMs = 100 })]
            : [ScriptedHost.Answer(say, new Ok { Seq = Interlocked.Increment(ref _seq) })];
    }

    /// <summary>Alice logged in, and everything the status bar's pacing part said while she was.</summary>
    private static async Task<(ChatSession Alice, SessionOptions Options, ConcurrentQueue<string?> Shown)> LogInAsync(ScriptedHost host)
    {
        var options = SessionFixture.Unpaced;
        var alice = new ChatSession(host.Address, options);
        Assert.Null(await alice.LogInAsync("alice", "password1"));
        var shown = new ConcurrentQueue<string?>();
        alice.Changed += () => shown.Enqueue(alice.Sending?.ToString());
        return (alice, options, shown);
    }

    /// <summary>As the input bar does with a paste the user sent as lines: every line submitted in one step of the views' thread.</summary>
    private static void Paste(ChatSession alice, SessionOptions options, params string[] lines) =>
        options.Dispatch(() => Assert.All(lines, line => Assert.True(alice.Submit(line))));

    [Fact]
    public async Task A_line_refused_as_rate_limited_goes_again_after_the_hint_before_the_lines_behind_it_and_no_error_is_shown()
    {
        await using var host = HostRefusingOnce("two");
        var (alice, options, shown) = await LogInAsync(host);
        await using var _ = alice;

        Paste(alice, options, "one", "two", "three");

        await Eventually.True(() => alice.Lobby.Spoken().Count == 3, "alice's three lines are acknowledged");
        Assert.Equal(["one", "two", "two", "three"], _saidToHost);
        Gated.Run(() =>
        {
            Assert.Equal(["one", "two", "three"], alice.Lobby.Spoken().Select(l => l.Text));
            Assert.DoesNotContain(alice.Lobby.Lines, l => l.Kind == LineKind.Local && (l.Text.Contains("Slow down", StringComparison.Ordinal) || l.Text.Contains("Not sent", StringComparison.Ordinal)));
        });
        Assert.Contains("sending 2 of 3, paced by the host", shown);
    }

    [Fact]
    public async Task While_a_pasted_block_goes_the_status_says_how_far_it_got_then_clears()
    {
        await using var host = HostRefusingOnce("never refused");
        var (alice, options, shown) = await LogInAsync(host);
        await using var _ = alice;

        Paste(alice, options, "one", "two", "three");

        await Eventually.True(() => alice.Lobby.Spoken().Count == 3 && alice.Sending is null, "the block is acknowledged and the status cleared");
        // While the paste was being submitted the run was shorter; from then on it counts to 3.
        var progress = shown.Where(s => s?.EndsWith("of 3", StringComparison.Ordinal) == true).Distinct().ToList();
        Assert.Equal(["sending 1 of 3", "sending 2 of 3", "sending 3 of 3"], progress);
        Assert.Null(shown.Last());
    }

    [Fact]
    public async Task A_line_typed_alone_shows_no_progress()
    {
        await using var host = HostRefusingOnce("never refused");
        var (alice, options, shown) = await LogInAsync(host);
        await using var _ = alice;

        Paste(alice, options, "just one");

        await Eventually.True(() => alice.Lobby.Spoken().Count == 1, "the line is acknowledged");
        Assert.All(shown, s => Assert.Null(s));
    }
}
