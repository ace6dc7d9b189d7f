using Chat.Actors.Accounts;
using Chat.Protocol;
using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Specs.Support;
using Chat.Specs.Tui.Session;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.EndToEnd;

/// <summary>
/// The real client against the real host at the flood limits it ships with (a burst of 10 lines,
/// then 2 a second, per connection and per user): what the client sends by itself when a person
/// logs in, comes back after the link drops, or holds PgUp must never be refused as rate_limited.
/// A tap between them sees every frame, whatever the client shows of it.
/// </summary>
public sealed class ClientFloodLimitsEndToEndSpecs : IAsyncLifetime
{
    private const string Password = "password1";
    private const int PageSize = 50;
    private static readonly string[] SixRooms = ["lobby", "dev", "ops", "books", "music", "games"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _data = new();
    private readonly SessionOptions _options = SessionFixture.FastRetry;
    private TestHost? _host;
    private WireTap? _tap;

    private WireTap Tap => _tap ?? throw new InvalidOperationException("no host started");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_tap is not null)
            await _tap.DisposeAsync();
        if (_host is not null)
            await _host.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>
    /// Writes alice's account, her rooms and their history straight into the database (seeding
    /// through the protocol would itself run into the limits), then starts the host on it.
    /// </summary>
    private async Task StartAsync(int messagesPerRoom, params string[] rooms)
    {
        await using (var store = await SqliteChatStore.OpenAsync(_data.Path))
        {
            await store.CreateAccountAsync(new Account("alice", new PasswordHasher(1000).Hash(Password), "alice", DateTime.UtcNow));
            var writes = new List<Task>();
            foreach (var room in rooms)
            {
                await store.AddRoomMemberAsync(room, "alice");
                for (var seq = 1; seq <= messagesPerRoom; seq++)
                    writes.Add(store.AppendRoomMessageAsync(new RoomMessageRecord(room, seq, "carol", "carol", $"{room} {seq}", DateTime.UtcNow)));
            }
            await Task.WhenAll(writes);
        }
        _host = await TestHost.StartAsync(_data.Path, shippedFloodLimits: true);
        _tap = new WireTap(_host.Endpoint);
    }

    private async Task<ChatSession> LogInAsync(int rooms)
    {
        var alice = new ChatSession(new ServerAddress("127.0.0.1", Tap.Port), _options);
        Assert.Null(await alice.LogInAsync("alice", Password));
        await Eventually.True(
            // A page counts alice's own "joined" line too (kept when she logs in with her password).
            () => alice.Conversations.Count(c => c.Spoken().Count >= PageSize - 1) == rooms && alice.People.Any(p => p.Is("alice")),
            "every room shows its newest page and the lobby its roster", Patience);
        return alice;
    }

    /// <summary>Runs a step as the app does: through the session's dispatcher, like every key press.</summary>
    private void Press(Action step) => _options.Dispatch(step);

    /// <summary>
    /// The client sent what the step makes it send on the current link, and the host answered
    /// every request on it: any refusal would have come by now.
    /// </summary>
    private Task SettledAsync(Func<TappedLink, bool> sent, string what) =>
        Eventually.True(() => Tap.Links[^1] is var link && sent(link) && link.EveryRequestAnswered(), $"{what}, and every request is answered", Patience);

    private void AssertNeverRefused()
    {
        Assert.DoesNotContain(Tap.FromHost, f => f is ErrorReply { Code: ErrorCodes.RateLimited });
        Assert.DoesNotContain(Tap.FromHost, f => f is Bye);
    }

    /// <summary>Alice, in six rooms with more history than a page, logs in and Ctrl+Ns through every room, reading each.</summary>
    private async Task<ChatSession> LogInToSixRoomsAndLookAtEachAsync()
    {
        await StartAsync(messagesPerRoom: 120, SixRooms);
        var alice = await LogInAsync(SixRooms.Length);
        foreach (var conversation in Gated.Read(() => alice.Conversations.ToList()))
            Press(() => alice.Select(conversation));
        return alice;
    }

    [Fact]
    public async Task Logging_in_to_six_rooms_with_history_and_looking_at_each_stays_under_the_default_limits()
    {
        await using var alice = await LogInToSixRoomsAndLookAtEachAsync();

        await SettledAsync(link => link.FromClient.OfType<MarkRead>().Count() == SixRooms.Length, "each room is marked read");

        AssertNeverRefused();
        Assert.Single(Tap.Links);
    }

    [Fact]
    public async Task Coming_back_after_the_link_drops_three_times_stays_under_the_default_limits()
    {
        await using var alice = await LogInToSixRoomsAndLookAtEachAsync();

        for (var drop = 1; drop <= 3; drop++)
        {
            Tap.CutAll();
            var back = drop;
            await Eventually.True(
                () => alice.Status == ConnectionStatus.Connected && alice.Conversations.Sum(c => c.Lines.Count(l => l.Text.StartsWith("Reconnected", StringComparison.Ordinal))) == back,
                $"alice is back after drop {drop}", Patience);
        }
        await SettledAsync(link => link.FromClient.OfType<Who>().Any(), "the roster is asked for again");

        AssertNeverRefused();
        Assert.Equal(4, Tap.Links.Count);
        Assert.Equal(3, Tap.FromClients.OfType<Resume>().Count());
        // The pages came again after each drop; each message is shown once.
        // Her "joined" line took a place in the first page; coming back by resume kept no other.
        Gated.Run(() => Assert.All(alice.Conversations, c => Assert.Equal(PageSize - 1, c.Spoken().Count)));
    }

    [Fact]
    public async Task Holding_page_up_back_to_the_beginning_of_a_long_history_stays_under_the_default_limits()
    {
        const int messages = 15 * PageSize;
        await StartAsync(messages, "lobby");
        await using var alice = await LogInAsync(rooms: 1);
        var lobby = Gated.Read(() => alice.Lobby);

        // The key repeats about 30 times a second; at the top of the log each press asks for
        // the page above, which the session does only when no page is on its way.
        var deadline = DateTime.UtcNow + Patience;
        while (!Eventually.Holds(() => lobby.HistoryComplete) && DateTime.UtcNow < deadline)
        {
            Press(() => alice.LoadOlder(lobby));
            await Task.Delay(30);
        }
        await SettledAsync(_ => true, "the pages are in");

        AssertNeverRefused();
        Assert.Single(Tap.Links);
        Gated.Run(() =>
        {
            Assert.True(lobby.HistoryComplete, "the beginning of the lobby is reached");
            Assert.Equal(Enumerable.Range(1, messages).Select(seq => $"lobby {seq}"), lobby.Spoken().Select(l => l.Text));
        });
        // More pages than the burst allows at once: the limit was really in the way.
        Assert.True(Tap.FromClients.OfType<HistoryRequest>().Count() > 10);
    }
}
