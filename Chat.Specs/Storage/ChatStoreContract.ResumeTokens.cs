using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

/// <summary>Resume tokens: kept by hash, used once, expiring, revocable, durable.</summary>
public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task A_resume_token_works_once()
    {
        await CreateAccountsAsync("alice");
        await Store.StoreResumeTokenAsync("hash-1", "alice", T0, T0.AddDays(1));

        Assert.Equal(new ResumeTokenGrant("alice", T0.AddDays(1)), await Store.TakeResumeTokenAsync("hash-1", T0));
        Assert.Null(await Store.TakeResumeTokenAsync("hash-1", T0));
    }

    [Fact]
    public async Task Unknown_expired_and_revoked_resume_tokens_do_not_work()
    {
        await CreateAccountsAsync("alice");
        await Store.StoreResumeTokenAsync("expiring", "alice", T0, T0.AddMinutes(1));
        await Store.StoreResumeTokenAsync("revoked", "alice", T0, T0.AddDays(1));
        await Store.RevokeResumeTokenAsync("revoked");

        Assert.Null(await Store.TakeResumeTokenAsync("unknown", T0));
        Assert.Null(await Store.TakeResumeTokenAsync("expiring", T0.AddMinutes(1)));
        Assert.Null(await Store.TakeResumeTokenAsync("revoked", T0));
    }

    [Fact]
    public async Task Storing_a_token_clears_the_expired_ones()
    {
        await CreateAccountsAsync("alice");
        await Store.StoreResumeTokenAsync("old", "alice", T0, T0.AddMinutes(1));

        await Store.StoreResumeTokenAsync("new", "alice", T0.AddMinutes(2), T0.AddDays(1));

        // Even asked as of a time when it was valid, the expired token is gone.
        Assert.Null(await Store.TakeResumeTokenAsync("old", T0));
        Assert.Equal("alice", (await Store.TakeResumeTokenAsync("new", T0.AddMinutes(2)))?.Username);
    }

    [Fact]
    public async Task Resume_tokens_survive_a_restart()
    {
        await CreateAccountsAsync("alice");
        await Store.StoreResumeTokenAsync("hash-2", "alice", T0, T0.AddDays(1));

        var reopened = await ReopenAsync();

        Assert.Equal("alice", (await reopened.TakeResumeTokenAsync("hash-2", T0))?.Username);
    }

    [Fact]
    public async Task Every_resume_token_of_an_account_can_be_revoked_at_once()
    {
        await CreateAccountsAsync("alice", "bob");
        await Store.StoreResumeTokenAsync("alice-1", "alice", T0, T0.AddDays(1));
        await Store.StoreResumeTokenAsync("alice-2", "alice", T0, T0.AddDays(1));
        await Store.StoreResumeTokenAsync("bob-1", "bob", T0, T0.AddDays(1));

        Assert.Equal(2, await Store.RevokeResumeTokensOfAsync("alice"));

        Assert.Null(await Store.TakeResumeTokenAsync("alice-1", T0));
        Assert.Null(await Store.TakeResumeTokenAsync("alice-2", T0));
        Assert.Equal("bob", (await Store.TakeResumeTokenAsync("bob-1", T0))?.Username);
    }

    [Fact]
    public async Task A_resume_token_needs_an_account()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Store.StoreResumeTokenAsync("hash-3", "nobody", T0, T0.AddDays(1)));
    }
}
