using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task A_created_account_is_found_by_its_username()
    {
        var account = new Account("alice", "pbkdf2-sha256$1000$c2FsdA==$aGFzaA==", "Alice", T0);

        Assert.True(await Store.CreateAccountAsync(account));

        var found = await Store.FindAccountAsync("alice");
        Assert.Equal(account, found);
        Assert.Equal(DateTimeKind.Utc, found!.Created.Kind);
    }

    [Fact]
    public async Task An_unknown_username_finds_nothing()
    {
        await CreateAccountsAsync("alice");

        Assert.Null(await Store.FindAccountAsync("bob"));
    }

    [Fact]
    public async Task A_taken_username_is_refused_and_the_first_account_kept()
    {
        await CreateAccountsAsync("alice");

        Assert.False(await Store.CreateAccountAsync(new Account("alice", "other-hash", "Impostor", T0.AddDays(1))));

        Assert.Equal(AnAccount("alice"), await Store.FindAccountAsync("alice"));
    }

    [Fact]
    public async Task Of_many_simultaneous_registrations_of_one_name_exactly_one_wins()
    {
        var attempts = Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => Store.CreateAccountAsync(new Account("carol", $"hash-{i}", $"Carol {i}", T0))));

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, created => created);
    }

    [Fact]
    public async Task Usernames_are_keys_as_given_since_callers_case_fold_them()
    {
        await CreateAccountsAsync("alice");

        // The store does not fold case itself; the contract is that callers pass folded names.
        Assert.Null(await Store.FindAccountAsync("Alice"));
    }

    [Fact]
    public async Task A_new_nickname_is_kept_across_a_restart()
    {
        await CreateAccountsAsync("alice");

        await Store.SetNicknameAsync("alice", "Wonderland");
        var reopened = await ReopenAsync();

        Assert.Equal("Wonderland", (await reopened.FindAccountAsync("alice"))!.Nickname);
    }

    [Fact]
    public async Task A_new_password_hash_replaces_the_old_one_and_touches_nothing_else()
    {
        await CreateAccountsAsync("alice", "bob");

        await Store.SetPasswordHashAsync("alice", "rehashed");

        Assert.Equal(AnAccount("alice") with { PasswordHash = "rehashed" }, await Store.FindAccountAsync("alice"));
        Assert.Equal(AnAccount("bob"), await Store.FindAccountAsync("bob"));
    }

    [Fact]
    public async Task Changing_an_account_that_does_not_exist_fails_and_creates_nothing()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.SetNicknameAsync("ghost", "Boo"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.SetPasswordHashAsync("ghost", "hash"));

        Assert.Null(await Store.FindAccountAsync("ghost"));
    }
}
