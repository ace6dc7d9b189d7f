using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 17, item 8: a password change needs the old password and revokes every resume token of the account.</summary>
public sealed class PasswordChangeEndToEndSpecs() : EndToEndSpec(null, "alice")
{
    [Fact]
    public async Task A_changed_password_ends_every_resume_token_and_only_the_new_password_logs_in()
    {
        string elsewhere;
        await using (var other = await Host.ConnectAsync())
        {
            await other.HelloAsync();
            elsewhere = Assert.IsType<Ok>(await other.RequestAsync(new Login("alice", Password))).Resume!;
        }
        await using var alice = await LogInAsync("alice");

        await alice.ExpectErrorAsync(new ChangePasswordRequest("not-the-old-one", "new-password-2"), ErrorCodes.BadCredentials);
        await alice.ExpectErrorAsync(new ChangePasswordRequest(Password, "short"), ErrorCodes.WeakPassword);
        Assert.IsType<Ok>(await alice.RequestAsync(new ChangePasswordRequest(Password, "new-password-2")));

        await using var later = await Host.ConnectAsync();
        await later.HelloAsync();
        await later.ExpectErrorAsync(new Resume(elsewhere), ErrorCodes.InvalidToken);
        await later.ExpectErrorAsync(new Login("alice", Password), ErrorCodes.BadCredentials);
        Assert.IsType<Ok>(await later.RequestAsync(new Login("alice", "new-password-2")));
        Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "still here")));
    }

    [Fact]
    public async Task Before_login_a_password_change_is_not_logged_in()
    {
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();

        await client.ExpectErrorAsync(new ChangePasswordRequest(Password, "new-password-2"), ErrorCodes.NotLoggedIn);
    }
}
