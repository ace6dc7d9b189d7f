using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>A fake host and helpers to get sessions logged in to it.</summary>
public static class SessionFixture
{
    /// <summary>Short back-off so reconnect specs take milliseconds.</summary>
    public static readonly SessionOptions FastRetry = new()
    {
        Reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<ChatSession> LoggedInAsync(FakeHost host, string user, string password = "password1")
    {
        host.AddAccount(user, password);
        var session = new ChatSession(host.Address, FastRetry);
        Assert.Null(await session.LogInAsync(user, password));
        await Eventually.True(() => session.People.Any(p => p.Is(user)), $"{user} sees themself online");
        return session;
    }
}
