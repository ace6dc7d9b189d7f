using Chat.Actors.Accounts;

namespace Chat.Specs.Accounts;

public sealed class GuestAccountsSpecs
{
    [Fact]
    public void A_nick_maps_to_one_valid_username_whatever_its_case()
    {
        var username = GuestAccounts.UsernameFor("Visitor");
        Assert.Equal(username, GuestAccounts.UsernameFor("visitor"));
        Assert.NotEqual(username, GuestAccounts.UsernameFor("visitor2"));
        Assert.True(AccountRules.TryNormalizeUsername(username, out var normalized));
        Assert.Equal(username, normalized);
    }

    [Fact]
    public void A_guest_account_keeps_the_nick_as_its_nickname_and_no_password_opens_it()
    {
        var account = GuestAccounts.NewAccount("Visitor", DateTime.UnixEpoch);
        Assert.Equal("Visitor", account.Nickname);
        Assert.True(GuestAccounts.IsGuest(account));
        var hasher = new PasswordHasher(1000);
        Assert.False(hasher.Verify("", account.PasswordHash).IsValid);
        Assert.False(hasher.Verify(GuestAccounts.PasswordHashMarker, account.PasswordHash).IsValid);
    }
}
