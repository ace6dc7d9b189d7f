using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

/// <summary>
/// The schema version that brings name claims gives existing accounts theirs. Usernames never
/// change; on a clash the older account keeps the key, and a nickname that breaks today's rules
/// or looks like a name another account holds becomes the account's username again. A spec
/// class per store says how to make a database as the host before name claims left it.
/// </summary>
public abstract class NameClaimsMigrationContract
{
    /// <summary>An account as an older host stored it: created is unix milliseconds.</summary>
    protected sealed record OldAccount(string Username, string Nickname, long Created);

    /// <summary>Makes a database at the schema version before name claims, holding the accounts, and opens the store on it (which migrates it).</summary>
    protected abstract Task<IChatStore> OpenUpgradedAsync(IReadOnlyList<OldAccount> accounts);

    [Fact]
    public async Task Existing_look_alike_and_broken_nicknames_go_back_to_their_usernames_and_the_oldest_keeps_a_name()
    {
        await using var store = await OpenUpgradedAsync([
            new("alice", "Alice", 1),
            new("mallory", "ALICE", 2),
            new("carol", "\u202Elorac", 3),
            new("dave", "Queen", 4),
            new("erin", "Qu\u0435en", 5), // Cyrillic е
            new("bob", "bob", 6),
            new("b0b", "b0b", 7),
        ]);

        async Task<string> NickOf(string user) => (await store.FindAccountAsync(user))!.Nickname;
        Assert.Equal("Alice", await NickOf("alice"));
        Assert.Equal("mallory", await NickOf("mallory")); // looked like alice's username
        Assert.Equal("carol", await NickOf("carol")); // held a right-to-left override
        Assert.Equal("Queen", await NickOf("dave"));
        Assert.Equal("erin", await NickOf("erin")); // the younger of two look-alike nicknames
        Assert.Equal("b0b", await NickOf("b0b")); // usernames stay; bob, the older, holds the key

        Assert.False(await store.SetNicknameAsync("mallory", "Queen"));
        Assert.False(await store.SetNicknameAsync("mallory", "B0B"));
        Assert.True(await store.SetNicknameAsync("erin", "Erin"));
        Assert.True(await store.SetNicknameAsync("dave", "Dave"));
        Assert.True(await store.SetNicknameAsync("erin", "Queen"));
    }
}
