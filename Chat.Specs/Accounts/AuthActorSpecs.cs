using Akka.Actor;
using Chat.Actors;
using Chat.Actors.Accounts;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Accounts;

public sealed class AuthActorSpecs : ActorSpec
{
    private IActorRef Auth(ChatSettings? settings = null) => Sys.ActorOf(AuthActor.Props(Store, settings ?? Settings));

    [Fact]
    public async Task A_registered_user_logs_in_with_the_username_as_first_nickname()
    {
        var auth = Auth();

        auth.Tell(new RegisterAccount("Alice", "password1", RequestId.FromNumber(1)));
        var registered = ExpectMsg<Ok>();
        auth.Tell(new AuthenticateAccount("alice", "password1", RequestId.FromNumber(2)));
        var authenticated = ExpectMsg<AccountAuthenticated>();

        Assert.Equal((RequestId.FromNumber(1), "alice"), (registered.Re, registered.User));
        Assert.Equal(("alice", "alice", RequestId.FromNumber(2)), (authenticated.Account.Username, authenticated.Account.Nickname, authenticated.Re));
        Assert.DoesNotContain("password1", (await Store.FindAccountAsync("alice"))!.PasswordHash);
    }

    [Theory]
    [InlineData("al", "password1", ErrorCodes.BadName)]
    [InlineData("alice!", "password1", ErrorCodes.BadName)]
    [InlineData("alice", "short", ErrorCodes.WeakPassword)]
    public void Registration_rules_are_enforced(string user, string password, string code)
    {
        Auth().Tell(new RegisterAccount(user, password, null));

        Assert.Equal(code, ExpectMsg<ErrorReply>().Code);
    }

    [Fact]
    public void A_taken_name_is_refused_whatever_its_case()
    {
        var auth = Auth();
        auth.Tell(new RegisterAccount("alice", "password1", null));
        ExpectMsg<Ok>();

        auth.Tell(new RegisterAccount("ALICE", "password2", null));

        Assert.Equal(ErrorCodes.NameTaken, ExpectMsg<ErrorReply>().Code);
    }

    [Fact]
    public void Unknown_user_and_wrong_password_get_the_same_reply()
    {
        var auth = Auth();
        auth.Tell(new RegisterAccount("alice", "password1", null));
        ExpectMsg<Ok>();

        auth.Tell(new AuthenticateAccount("alice", "wrong-password", null));
        var wrongPassword = ExpectMsg<ErrorReply>();
        auth.Tell(new AuthenticateAccount("nobody", "password1", null));
        var unknownUser = ExpectMsg<ErrorReply>();
        auth.Tell(new AuthenticateAccount("not a name", "password1", null));
        var invalidName = ExpectMsg<ErrorReply>();

        Assert.Equal(wrongPassword, unknownUser);
        Assert.Equal(wrongPassword, invalidName);
        Assert.Equal(ErrorCodes.BadCredentials, wrongPassword.Code);
    }

    [Fact]
    public async Task A_login_rehashes_a_password_stored_with_a_lower_cost()
    {
        Auth().Tell(new RegisterAccount("alice", "password1", null));
        ExpectMsg<Ok>();
        var before = (await Store.FindAccountAsync("alice"))!.PasswordHash;

        Auth(Settings with { PasswordIterations = 2000 }).Tell(new AuthenticateAccount("alice", "password1", null));
        ExpectMsg<AccountAuthenticated>();

        var after = (await Store.FindAccountAsync("alice"))!.PasswordHash;
        Assert.NotEqual(before, after);
        Assert.Contains("$2000$", after);
        Assert.True(new PasswordHasher(2000).Verify("password1", after).IsValid);
    }

    [Fact]
    public void A_password_change_needs_the_old_password_and_revokes_every_resume_token()
    {
        var auth = Auth();
        auth.Tell(new RegisterAccount("alice", "password1", null));
        ExpectMsg<Ok>();
        auth.Tell(new AuthenticateAccount("alice", "password1", null));
        var token = ExpectMsg<AccountAuthenticated>().ResumeToken!;

        auth.Tell(new ChangePassword("alice", "wrong-old", "password2", RequestId.FromNumber(1)));
        Assert.Equal(ErrorCodes.BadCredentials, ExpectMsg<ErrorReply>().Code);
        auth.Tell(new ChangePassword("alice", "password1", "short", null));
        Assert.Equal(ErrorCodes.WeakPassword, ExpectMsg<ErrorReply>().Code);
        auth.Tell(new ChangePassword("alice", "password1", "password2", RequestId.FromNumber(2)));
        Assert.Equal(new AccountTokensRevoked(RequestId.FromNumber(2), ErrorCodes.PasswordChanged, ""), ExpectMsg<AccountTokensRevoked>() with { ByeReason = "" });

        auth.Tell(new ResumeSession(token, null));
        Assert.Equal(ErrorCodes.InvalidToken, ExpectMsg<ErrorReply>().Code);
        auth.Tell(new AuthenticateAccount("alice", "password1", null));
        Assert.Equal(ErrorCodes.BadCredentials, ExpectMsg<ErrorReply>().Code);
        auth.Tell(new AuthenticateAccount("alice", "password2", null));
        ExpectMsg<AccountAuthenticated>();
    }
}
