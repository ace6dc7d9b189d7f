using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.Storage;

/// <summary>The store's part of resume tokens: kept by hash, used once, expiring, revocable, durable.</summary>
public sealed class ResumeTokenStoreSpecs : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _data = new();
    private IChatStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteChatStore.OpenAsync(_data.Path);
        await _store.CreateAccountAsync(new Account("alice", "hash", "alice", Now));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_token_works_once()
    {
        await _store.StoreResumeTokenAsync("h1", "alice", Now.AddDays(1));

        Assert.Equal("alice", await _store.TakeResumeTokenAsync("h1", Now));
        Assert.Null(await _store.TakeResumeTokenAsync("h1", Now));
    }

    [Fact]
    public async Task Unknown_expired_and_revoked_tokens_do_not_work()
    {
        await _store.StoreResumeTokenAsync("expiring", "alice", Now.AddMinutes(1));
        await _store.StoreResumeTokenAsync("revoked", "alice", Now.AddDays(1));
        await _store.RevokeResumeTokenAsync("revoked");

        Assert.Null(await _store.TakeResumeTokenAsync("unknown", Now));
        Assert.Null(await _store.TakeResumeTokenAsync("expiring", Now.AddMinutes(1)));
        Assert.Null(await _store.TakeResumeTokenAsync("revoked", Now));
    }

    [Fact]
    public async Task Tokens_survive_reopening_the_store()
    {
        await _store.StoreResumeTokenAsync("h2", "alice", Now.AddDays(1));
        await _store.DisposeAsync();

        _store = await SqliteChatStore.OpenAsync(_data.Path);

        Assert.Equal("alice", await _store.TakeResumeTokenAsync("h2", Now));
    }

    [Fact]
    public async Task A_token_for_an_account_that_does_not_exist_is_refused()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => _store.StoreResumeTokenAsync("h3", "nobody", Now.AddDays(1)));
    }
}
