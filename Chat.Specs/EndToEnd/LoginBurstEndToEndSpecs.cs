using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Chat.Protocol;
using Chat.Specs.Support;
using Xunit.Abstractions;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// Issue 17, second row: 300 connections that each ask a login for a random name and close at
/// once queued 300 hashes that ran after their askers had gone; a real user's login timed out.
/// </summary>
public sealed class LoginBurstEndToEndSpecs(ITestOutputHelper output)
    // The shipped cost: a hash takes a core for about half a second, so even the 64 the queue
    // holds would keep alice waiting half a minute if they were hashed after their askers left.
    : EndToEndSpec("chat.auth.pbkdf2-iterations = 600000", "alice")
{
    private const int Burst = 300;

    [Fact]
    public async Task A_real_user_logs_in_while_300_connections_ask_for_logins_and_close_at_once()
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Burst).Select(LoginAndCloseAsync));
        var burstTook = clock.Elapsed;

        clock.Restart();
        await using var alice = await Host.ConnectAsync();
        await alice.HelloAsync();
        Reply reply;
        // As a real client does: a rate_limited answer is waited out and the login sent again.
        while ((reply = await alice.RequestAsync(new Login("alice", Password))) is ErrorReply { Code: ErrorCodes.RateLimited, RetryAfterMs: var wait })
            await Task.Delay(TimeSpan.FromMilliseconds(wait ?? 100));
        var loginTook = clock.Elapsed;

        output.WriteLine($"burst of {Burst} sent in {burstTook.TotalMilliseconds:F0} ms; alice logged in {loginTook.TotalMilliseconds:F0} ms after it");
        Assert.Equal("alice", Assert.IsType<Ok>(reply).User);
        // Generous: 300 hashes would take far longer; only a few may run before alice's.
        Assert.InRange(loginTook, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "made it")));
    }

    private async Task LoginAndCloseAsync(int n)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Host.Endpoint);
        var lines = $"{{\"type\":\"hello\",\"protocol\":1}}\n{{\"type\":\"login\",\"user\":\"rnd{n}x{Random.Shared.Next()}\",\"password\":\"guess-{n}\"}}\n";
        await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(lines));
    }
}
