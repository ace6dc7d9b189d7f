using Terminal.Gui.Input;

namespace Chat.Specs.Tui.Views;

[Collection(TerminalCollection.Name)]
public class WelcomeViewSpecs
{
    [Fact]
    public void The_form_asks_for_server_username_and_password()
    {
        using var host = LiveHost.Start();
        using var client = new HeadlessClient(host.Address);

        var screen = client.Screen;

        Assert.Contains($"Server:    {host.Address}", screen);
        Assert.Contains("Username:", screen);
        Assert.Contains("Password:", screen);
        Assert.Contains("Log in", screen);
        Assert.Contains("Register", screen);
        Assert.Contains("Quit", screen);
    }

    [Fact]
    public void Registering_logs_in_and_opens_the_chat_window()
    {
        using var host = LiveHost.Start();
        using var client = new HeadlessClient(host.Address);

        client.EnterCredentials("alice", "s3cret-pass", twice: true);
        Assert.DoesNotContain("s3cret-pass", client.Screen);
        client.Press(Key.R.WithAlt);

        client.WaitFor("Connected as alice (alice)");
        Assert.Contains("alice (me)", client.Screen);
        Assert.Contains("Message #lobby", client.Screen);
    }

    [Fact]
    public void A_taken_name_and_a_short_password_are_said_in_the_form()
    {
        using var host = LiveHost.Start();
        host.Register("alice");
        using var client = new HeadlessClient(host.Address);

        client.EnterCredentials("alice", "long-enough", twice: true);
        client.Press(Key.R.WithAlt);
        client.WaitFor("That username is taken; pick another.");

        // The focus is back in the username, its text selected: typing replaces it.
        client.Type("alice2");
        client.Press(Key.Tab);
        client.Type("short");
        client.Press(Key.Tab);
        client.Type("short");
        client.Press(Key.R.WithAlt);
        client.WaitFor("Password too short");

        // Now in the password: what is typed goes there, and the two must match.
        client.Type("long-enough-now");
        client.Press(Key.R.WithAlt);
        client.WaitFor("The two passwords differ");
        client.Press(Key.A.WithAlt);
        client.Press(Key.A.WithCtrl);
        client.Type("long-enough-now");
        client.Press(Key.R.WithAlt);
        client.WaitFor("Connected as alice2 (alice2)");
    }

    [Fact]
    public void The_rules_for_names_and_passwords_show_before_anything_is_typed()
    {
        using var host = LiveHost.Start();
        using var client = new HeadlessClient(host.Address, width: 100);

        var screen = client.Screen;

        Assert.Contains("Usernames: 3 to 20", screen);
        Assert.Contains("8 characters", screen);
        Assert.Contains("Again:", screen);
    }

    [Fact]
    public void A_wrong_password_is_said_in_the_form_and_the_user_can_retry()
    {
        using var host = LiveHost.Start();
        host.Register("alice", "right-password");
        using var client = new HeadlessClient(host.Address);

        client.EnterCredentials("alice", "wrong");
        client.Press(Key.Enter);
        client.WaitFor("Wrong username or password.");

        for (var i = 0; i < "wrong".Length; i++)
            client.Press(Key.Backspace);
        client.Type("right-password");
        client.Press(Key.Enter);

        client.WaitFor("Connected as alice (alice)");
    }

    [Fact]
    public void An_unreachable_host_is_named_and_Esc_does_not_quit()
    {
        var address = new Chat.Tui.Session.ServerAddress("127.0.0.1", LiveHost.FreePort());
        using var client = new HeadlessClient(address);

        client.EnterCredentials("alice", "password1");
        client.Press(Key.Enter);
        client.WaitFor($"Server unreachable at {address}");
        client.Press(Key.Esc);

        Assert.True(client.Shell.IsRunning);
    }

    [Fact]
    public void Passwords_that_differ_put_the_focus_in_the_second_one_and_typed_keys_always_reach_a_field()
    {
        using var host = LiveHost.Start();
        using var client = new HeadlessClient(host.Address);
        client.EnterCredentials("alice", "long-enough", twice: false);
        client.Press(Key.Tab);
        client.Type("long-enuogh");

        client.Press(Key.R.WithAlt);
        client.WaitFor("The two passwords differ");
        // The second password is selected: typing replaces it.
        client.Type("long-enoug");
        // Tabbing on to the buttons and typing still types into that field, not nowhere.
        client.Press(Key.Tab);
        client.Press(Key.Tab);
        client.Type("h");
        client.Press(Key.R.WithAlt);

        client.WaitFor("Connected as alice (alice)");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TerminalCollection
{
    public const string Name = "Terminal.Gui screens";
}
