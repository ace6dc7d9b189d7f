using Chat.Protocol;
using Chat.Tui.Session;
using Chat.Tui.Views;

namespace Chat.Specs.Tui.Session;

/// <summary>
/// Issue 17, item 8, from the client: !password and !logout-all against the real host, two
/// terminals of alice and one of bob.
/// </summary>
public class ChatSessionAccountSecuritySpecs
{
    [Fact]
    public async Task Logout_all_ends_the_other_terminal_for_good_and_leaves_this_one_and_other_people_alone()
    {
        await using var host = await LiveHost.StartAsync();
        await using var here = await SessionFixture.LoggedInAsync(host, "alice");
        await using var there = await SessionFixture.LoggedInAsync(host, "alice");
        await using var bob = await SessionFixture.LoggedInAsync(host, "bob");

        Assert.True(here.Enter("!logout-all"));

        await Eventually.True(() => there.Status == ConnectionStatus.Disconnected, "the other terminal was logged out");
        Gated.Run(() =>
        {
            Assert.Contains(there.Lobby.Lines, l => l.Text.Contains("logged out everywhere", StringComparison.Ordinal));
            // Disconnected is set where the closed link is handled, where a reconnect would begin: none did.
            Assert.Equal(0, there.ReconnectAttempt);
        });
        await Eventually.True(() => here.Lobby.Lines.Any(l => l.Text.Contains("other terminals were logged out", StringComparison.Ordinal)), "this terminal is told");
        Assert.True(here.Enter("still here"));
        await Eventually.True(() => bob.Lobby.Spoken().Any(l => l.Text == "still here"), "bob still hears alice");
        Assert.Equal(ConnectionStatus.Connected, Gated.Read(() => bob.Status));
    }

    [Fact]
    public async Task A_password_change_ends_the_other_terminal_and_this_one_comes_back_with_the_new_password()
    {
        await using var host = await LiveHost.StartAsync();
        await using var here = await SessionFixture.LoggedInAsync(host, "alice");
        await using var there = await SessionFixture.LoggedInAsync(host, "alice");
        var changeAsked = false;
        here.PasswordChangeRequested += () => changeAsked = true;

        Assert.True(here.Enter("!password"));
        Assert.True(changeAsked);
        // What the dialog does once the two new passwords agree.
        Gated.Run(() => here.ChangePassword(LiveHost.Password, "new-password-2"));

        await Eventually.True(() => there.Status == ConnectionStatus.Disconnected, "the other terminal was logged out");
        Gated.Run(() => Assert.Contains(there.Lobby.Lines, l => l.Text.Contains("password was changed", StringComparison.Ordinal)));
        await Eventually.True(() => here.Lobby.Lines.Any(l => l.Text.Contains("password is changed", StringComparison.Ordinal)), "this terminal is told");

        // Its token went with the others: coming back takes the new password, which it kept.
        host.CutLinks();
        await Eventually.True(() => here.Status == ConnectionStatus.Connected && here.ReconnectAttempt == 0 && host.Received.OfType<Login>().Any(l => l.Password == "new-password-2"), "reconnected with the new password");
    }

    [Theory]
    [InlineData("", "new-password", "new-password", "current password")]
    [InlineData("old-password", "", "", "new password")]
    [InlineData("old-password", "new-password", "new-passwork", "differ")]
    [InlineData("old-password", "old-password", "old-password", "is the old one")]
    public void The_password_dialog_says_what_is_wrong_before_sending(string old, string @new, string again, string said) =>
        Assert.Contains(said, PasswordDialog.Problem(old, @new, again));

    [Fact]
    public void The_password_dialog_sends_two_agreeing_new_passwords() =>
        Assert.Null(PasswordDialog.Problem("old-password", "new-password", "new-password"));
}
