using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

/// <summary>A nickname names one person: the store keeps every name's look-alike key with one account.</summary>
public abstract partial class ChatStoreContract
{
    [Theory]
    [InlineData("alice")]
    [InlineData("Alice")]
    [InlineData("\u0430lice")] // Cyrillic а
    [InlineData("\uFF41\uFF4C\uFF49\uFF43\uFF45")] // fullwidth
    public async Task A_nickname_that_looks_like_another_accounts_username_is_refused(string nickname)
    {
        await CreateAccountsAsync("alice", "mallory");

        Assert.False(await Store.SetNicknameAsync("mallory", nickname));

        Assert.Equal("mallory-nick", (await Store.FindAccountAsync("mallory"))!.Nickname);
    }

    [Fact]
    public async Task A_nickname_that_looks_like_another_accounts_nickname_is_refused_until_they_drop_it()
    {
        await CreateAccountsAsync("alice", "mallory");
        Assert.True(await Store.SetNicknameAsync("alice", "Wonderland"));

        Assert.False(await Store.SetNicknameAsync("mallory", "W\u043Enderland")); // Cyrillic о
        Assert.True(await Store.SetNicknameAsync("alice", "Queen"));
        Assert.True(await Store.SetNicknameAsync("mallory", "W\u043Enderland"));

        Assert.False(await Store.SetNicknameAsync("alice", "wonderland"));
    }

    [Fact]
    public async Task An_account_may_take_a_nickname_like_its_own_username()
    {
        await CreateAccountsAsync("alice");

        Assert.True(await Store.SetNicknameAsync("alice", "ALICE"));
        Assert.True(await Store.SetNicknameAsync("alice", "Alice"));
    }

    [Fact]
    public async Task A_new_username_that_looks_like_a_nickname_in_use_is_refused()
    {
        await CreateAccountsAsync("alice");
        Assert.True(await Store.SetNicknameAsync("alice", "Bob"));

        Assert.False(await Store.CreateAccountAsync(AnAccount("bob", "bob")));
        Assert.False(await Store.CreateAccountAsync(AnAccount("b0b", "b0b")));

        Assert.Null(await Store.FindAccountAsync("bob"));
    }

    [Fact]
    public async Task Of_two_renames_to_look_alikes_racing_exactly_one_wins_and_that_holds_after_a_restart()
    {
        await CreateAccountsAsync("alice", "bob", "carol");

        var renames = await Task.WhenAll(
            Task.Run(() => Store.SetNicknameAsync("alice", "Queen")),
            Task.Run(() => Store.SetNicknameAsync("bob", "QUEEN")),
            Task.Run(() => Store.SetNicknameAsync("carol", "Qu\u0435\u0435n"))); // Cyrillic е

        Assert.Single(renames, won => won);
        var reopened = await ReopenAsync();
        var holders = new List<string>();
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            if (!(await reopened.FindAccountAsync(user))!.Nickname.EndsWith("-nick", StringComparison.Ordinal))
                holders.Add(user);
        }
        Assert.Single(holders);
        Assert.False(await reopened.SetNicknameAsync(holders[0] == "alice" ? "bob" : "alice", "queen"));
    }
}
