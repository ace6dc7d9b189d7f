namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    [Fact]
    public async Task An_ignore_list_is_kept_across_a_restart_and_names_only_accounts()
    {
        await CreateAccountsAsync("alice", "bob", "carol");

        Assert.True(await Store.SetIgnoredAsync("alice", "carol", ignored: true));
        Assert.True(await Store.SetIgnoredAsync("alice", "bob", ignored: true));
        Assert.True(await Store.SetIgnoredAsync("alice", "bob", ignored: true));
        Assert.False(await Store.SetIgnoredAsync("alice", "nobody", ignored: true));

        Assert.Equal(["bob", "carol"], await (await ReopenAsync()).IgnoredByAsync("alice"));
        Assert.Empty(await Store.IgnoredByAsync("bob"));
    }

    [Fact]
    public async Task Unignoring_takes_a_user_off_the_list()
    {
        await CreateAccountsAsync("alice", "bob");
        await Store.SetIgnoredAsync("alice", "bob", ignored: true);

        Assert.True(await Store.SetIgnoredAsync("alice", "bob", ignored: false));
        Assert.True(await Store.SetIgnoredAsync("alice", "nobody", ignored: false));

        Assert.Empty(await Store.IgnoredByAsync("alice"));
    }
}
