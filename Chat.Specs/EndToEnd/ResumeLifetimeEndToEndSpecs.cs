using System.Diagnostics;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 17, item 8: a resume token's life is counted from the password login; renewing it does not extend it.</summary>
public sealed class ResumeLifetimeEndToEndSpecs() : EndToEndSpec("chat.auth.resume-token-lifetime = 8s", "alice")
{
    private async Task<Ok> RequestOnNewConnectionAsync(ClientFrame request)
    {
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();
        return Assert.IsType<Ok>(await client.RequestAsync(request));
    }

    [Fact]
    public async Task A_chain_of_resumes_ends_when_the_password_login_s_token_would_have()
    {
        var token = (await RequestOnNewConnectionAsync(new Login("alice", Password))).Resume!;
        // Counted from the reply, which comes after the host issued the token: however long the
        // login took on a loaded machine, 8.5 s on this clock is past the token's 8 s.
        var sinceLogin = Stopwatch.StartNew();

        // Renewed well after the login: a renewal that extended the life would now run to 10 s or
        // later from this clock's start (the renewal is issued after it).
        await Task.Delay(TimeSpan.FromSeconds(2));
        token = (await RequestOnNewConnectionAsync(new Resume(token))).Resume!;

        var untilExpired = TimeSpan.FromSeconds(8.5) - sinceLogin.Elapsed;
        if (untilExpired > TimeSpan.Zero)
            await Task.Delay(untilExpired);
        await using var late = await Host.ConnectAsync();
        await late.HelloAsync();
        await late.ExpectErrorAsync(new Resume(token), ErrorCodes.InvalidToken);
        Assert.IsType<Ok>(await late.RequestAsync(new Login("alice", Password)));
    }
}
