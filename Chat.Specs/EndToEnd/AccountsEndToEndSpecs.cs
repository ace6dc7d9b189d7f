using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Registration and login over a real socket against the real host.</summary>
public sealed class AccountsEndToEndSpecs() : EndToEndSpec
{
    [Fact]
    public async Task The_first_frame_must_be_hello_and_speak_our_version()
    {
        await using var client = await Host.ConnectAsync();

        await client.ExpectErrorAsync(new Login("alice", "password1"), ErrorCodes.HelloRequired);
        await client.ExpectErrorAsync(new Hello(2), ErrorCodes.UnsupportedProtocol);
        var welcome = await client.HelloAsync();

        Assert.Equal(1, welcome.Protocol);
        Assert.False(string.IsNullOrEmpty(welcome.Server));
    }

    [Fact]
    public async Task Register_then_log_in_with_every_refusal_on_the_way()
    {
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();

        await client.ExpectErrorAsync(new Register("al", "password1"), ErrorCodes.BadName);
        await client.ExpectErrorAsync(new Register("al ice", "password1"), ErrorCodes.BadName);
        await client.ExpectErrorAsync(new Register("alice", "short"), ErrorCodes.WeakPassword);
        Assert.IsType<Ok>(await client.RequestAsync(new Register("Alice", "password1")));
        await client.ExpectErrorAsync(new Register("alice", "password2"), ErrorCodes.NameTaken);
        await client.ExpectErrorAsync(new Register("ALICE", "password2"), ErrorCodes.NameTaken);

        await client.ExpectErrorAsync(new Say("lobby", "hi"), ErrorCodes.NotLoggedIn);
        var wrongPassword = await client.ExpectErrorAsync(new Login("alice", "password2"), ErrorCodes.BadCredentials);
        var unknownUser = await client.ExpectErrorAsync(new Login("nobody", "password1"), ErrorCodes.BadCredentials);
        Assert.Equal(wrongPassword.Message, unknownUser.Message);

        var ok = Assert.IsType<Ok>(await client.RequestAsync(new Login("ALICE", "password1")));
        Assert.Equal(("alice", "alice"), (ok.User, ok.Nick));
        await client.ExpectErrorAsync(new Login("alice", "password1"), ErrorCodes.AlreadyLoggedIn);
    }

    [Fact]
    public async Task Logging_out_keeps_the_connection_open_but_anonymous()
    {
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();
        await client.RequestAsync(new Register("alice", "password1"));
        await client.RequestAsync(new Login("alice", "password1"));

        Assert.IsType<Ok>(await client.RequestAsync(new Logout()));

        await client.ExpectErrorAsync(new Say("lobby", "hi"), ErrorCodes.NotLoggedIn);
        Assert.IsType<Pong>(await client.RequestAsync(new Ping()));
    }
}
