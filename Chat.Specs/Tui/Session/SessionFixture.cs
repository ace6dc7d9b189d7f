using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>Sessions logged in to the real host (through <see cref="LiveHost"/>).</summary>
public static class SessionFixture
{
    /// <summary>
    /// A session's state changes on its network threads (its dispatch runs them one at a time);
    /// a spec reads it from its own thread. Every spec session dispatches under this one gate, and
    /// <see cref="Eventually"/> (and <see cref="Views.HeadlessClient.WaitUntil"/>) read under it, so
    /// a spec never enumerates a list while a frame is adding to it.
    /// </summary>
    public static readonly Lock StateGate = new();

    /// <summary>Short back-off so reconnect specs take milliseconds.</summary>
    public static readonly SessionOptions FastRetry = new()
    {
        Dispatch = change =>
        {
            lock (StateGate)
                change();
        },
        Reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>
    /// For specs of other things than pacing: a scripted user sends faster than a person, and the
    /// specs' host lets it (<see cref="Support.TestHost.ScriptedClientAllowance"/>).
    /// </summary>
    public static readonly SessionOptions Unpaced = FastRetry with { Pace = new SendPace(10_000, 10_000) };

    /// <summary>A session logged in as <paramref name="user"/>, registered first if new.</summary>
    public static async Task<ChatSession> LoggedInAsync(LiveHost host, string user, string password = LiveHost.Password)
    {
        await host.RegisterAsync(user, password);
        var session = new ChatSession(host.Address, Unpaced);
        Assert.Null(await session.LogInAsync(user, password));
        // Read under the gate: the roster asked at login may be replacing the list on a network thread.
        Assert.True(Eventually.Holds(() => session.People.Any(p => p.Is(user))), $"{user} is among the people at login");
        // What the host sends at login ends with the lobby's page: specs start after it.
        await Eventually.True(() => session.Lobby.HistoryComplete || session.Lobby.NewestId is not null, $"{user} has the lobby's page");
        return session;
    }
}
