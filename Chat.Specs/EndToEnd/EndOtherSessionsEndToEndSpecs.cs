using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// Issue 17, item 8: a password change and "logout_all" end the account's other sessions (each
/// told why, then closed) and revoke every token, while the asking terminal and other accounts
/// carry on.
/// </summary>
public sealed class EndOtherSessionsEndToEndSpecs() : EndToEndSpec(null, "alice", "bob")
{
    private async Task<(RawClient Client, string Token)> LogInWithTokenAsync(string user, string password = Password)
    {
        var client = await Host.ConnectAsync();
        await client.HelloAsync();
        var token = Assert.IsType<Ok>(await client.RequestAsync(new Login(user, password))).Resume!;
        await client.WaitForAsync<HistoryPage>(page => page.Room == RoomNames.Lobby);
        return (client, token);
    }

    [Theory]
    [InlineData("password", ErrorCodes.PasswordChanged)]
    [InlineData("logout_all", ErrorCodes.LoggedOutEverywhere)]
    public async Task The_other_terminals_of_the_account_are_told_why_and_closed_and_no_token_resumes(string request, string byeCode)
    {
        var (asking, askingToken) = await LogInWithTokenAsync("alice");
        var (other, otherToken) = await LogInWithTokenAsync("alice");
        await using var _ = asking;
        await using var __ = other;
        await using var bob = await LogInAsync("bob");

        ClientFrame frame = request == "password" ? new ChangePasswordRequest(Password, "new-password-2") : new LogoutAll();
        Assert.IsType<Ok>(await asking.RequestAsync(frame));

        var bye = await other.ExpectAsync<Bye>();
        Assert.Equal(byeCode, bye.Code);
        Assert.False(string.IsNullOrWhiteSpace(bye.Message));
        Assert.True(await other.ClosedByHostAsync());

        // The asking terminal is still logged in, and so is the other account.
        Assert.IsType<Ok>(await asking.RequestAsync(new Say("lobby", "still here")));
        await bob.ExpectAsync<ChatMessage>(m => m.Text == "still here");
        await bob.AssertNoneAsync<Bye>();
        await asking.AssertNoneAsync<Bye>();

        await using var later = await Host.ConnectAsync();
        await later.HelloAsync();
        await later.ExpectErrorAsync(new Resume(otherToken), ErrorCodes.InvalidToken);
        await later.ExpectErrorAsync(new Resume(askingToken), ErrorCodes.InvalidToken);
        var password = request == "password" ? "new-password-2" : Password;
        Assert.IsType<Ok>(await later.RequestAsync(new Login("alice", password)));
    }

    [Fact]
    public async Task Before_login_logout_all_is_not_logged_in()
    {
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();

        await client.ExpectErrorAsync(new LogoutAll(), ErrorCodes.NotLoggedIn);
    }
}
