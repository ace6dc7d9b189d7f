using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.Storage;

/// <summary>
/// What every <see cref="IChatStore"/> must do, whatever database is behind it. A concrete
/// spec class per implementation derives from this and says how to open its store; every
/// fact here then runs against it. Split over partial files by subject.
/// </summary>
public abstract partial class ChatStoreContract : IAsyncLifetime
{
    // Millisecond precision on purpose: that is what a store keeps.
    protected static readonly DateTime T0 = new(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);

    private IChatStore? _store;

    protected IChatStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>The clock <see cref="OpenStoreAsync"/> opens the store with: it stamps what the store dates itself (a room's join), and stands at <see cref="T0"/> until a spec moves it.</summary>
    protected SteppedClock Clock { get; } = new(T0);

    /// <summary>The bounds <see cref="OpenStoreAsync"/> opens the store with: the defaults until a spec reopens it with others.</summary>
    protected StoreLimits Limits { get; private set; } = new();

    /// <summary>
    /// Opens this spec's store with <see cref="Limits"/> and <see cref="Clock"/>. The first call gets an empty store; a
    /// later call, after the previous instance was disposed, opens the same data again (a host
    /// restart).
    /// </summary>
    protected abstract Task<IChatStore> OpenStoreAsync();

    public virtual async Task InitializeAsync() => _store = await OpenStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }
    }

    /// <summary>Disposes the open store and opens the same data again, with other bounds.</summary>
    protected Task<IChatStore> ReopenAsync(StoreLimits limits)
    {
        Limits = limits;
        return ReopenAsync();
    }

    /// <summary>Disposes the open store and opens the same data again.</summary>
    protected async Task<IChatStore> ReopenAsync()
    {
        await Store.DisposeAsync();
        _store = null;
        _store = await OpenStoreAsync();
        return _store;
    }

    // Each account's own nickname by default: two accounts cannot share one.
    protected static Account AnAccount(string username, string? nickname = null) =>
        new(username, $"hash-of-{username}", nickname ?? $"{username}-nick", T0);

    protected static RoomMessageRecord ARoomMessage(string room, long seq, string username = "alice") =>
        new(room, seq, username, $"{username}-nick", $"{room} message {seq}", T0.AddSeconds(seq));

    protected static NewDirectMessage ADirectMessage(string from, string to, string text) =>
        new(from, $"{from}-nick", to, text, T0);

    protected async Task CreateAccountsAsync(params string[] usernames)
    {
        foreach (var username in usernames)
        {
            Assert.True(await Store.CreateAccountAsync(AnAccount(username)));
        }
    }

    protected async Task AppendRoomMessagesAsync(string room, int count)
    {
        for (var seq = 1; seq <= count; seq++)
        {
            await Store.AppendRoomMessageAsync(ARoomMessage(room, seq));
        }
    }

    /// <summary>Every message of a room, read back page by page from the newest.</summary>
    protected async Task<List<RoomMessageRecord>> ReadWholeRoomAsync(IChatStore store, string room, int pageSize)
    {
        var all = new List<RoomMessageRecord>();
        var before = long.MaxValue;
        while (true)
        {
            var page = await store.RoomMessagesBeforeAsync(room, before, pageSize);
            if (page.Count == 0)
            {
                return all;
            }

            all.InsertRange(0, page);
            before = page[0].Seq;
        }
    }

    protected static long[] Seqs(IEnumerable<RoomMessageRecord> messages) => messages.Select(m => m.Seq).ToArray();

    protected static long[] Range(long first, long last) =>
        Enumerable.Range((int)first, (int)(last - first + 1)).Select(i => (long)i).ToArray();
}
