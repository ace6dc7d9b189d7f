using Chat.Specs.Tui.Session;
using Chat.Tui.Views;
using System.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Xunit.Abstractions;

namespace Chat.Specs.Tui.Views;

[Collection(TerminalCollection.Name)]
public class ChatWindowSpecs(ITestOutputHelper output)
{
    internal static HeadlessClient LoggedIn(LiveHost host, string user, int width = 80, int height = 24)
    {
        host.Register(user);
        var client = new HeadlessClient(host.Address, width, height);
        client.EnterCredentials(user, "password1");
        client.Press(Key.Enter);
        client.WaitUntil(() => client.Session.Status == Chat.Tui.Session.ConnectionStatus.Connected && client.Shell.Chat is not null, $"{user} is logged in");
        if (width >= 80)
            client.WaitFor($"Connected as {user} ({user})");
        return client;
    }

    [Fact]
    public void A_message_from_someone_appears_in_the_chat_panel_with_time_and_nick()
    {
        using var host = LiveHost.Start();
        using var client = LoggedIn(host, "alice");

        host.Say("bob", nick: "Bob", text: "hello alice, 日本語 and 🎉 work too");

        client.WaitFor("<Bob> hello alice, 日本語 and 🎉 work too");
        output.WriteLine(client.Screen);
        Assert.Matches(@"\d\d:\d\d <Bob> hello", client.Screen);
        Assert.Equal(1, client.Rings);
    }

    [Fact]
    public void Long_lines_wrap_inside_the_chat_panel_and_it_follows_the_bottom()
    {
        using var host = LiveHost.Start();
        using var client = LoggedIn(host, "alice");

        for (var i = 1; i <= 40; i++)
            host.Say("bob", $"line {i} " + string.Join(' ', Enumerable.Repeat("word", 15)));

        client.WaitFor("<bob> line 40 word");
        Assert.DoesNotContain("line 1 word", client.Screen);
        client.Press(Key.PageUp);
        Assert.Contains("scrolled back", client.Screen);
        client.Press(Key.End.WithCtrl);
        Assert.DoesNotContain("scrolled back", client.Screen);
    }

    [Fact]
    public void The_mouse_wheel_scrolls_back_and_new_lines_then_do_not_pull_the_view_down()
    {
        using var host = LiveHost.Start();
        using var client = LoggedIn(host, "alice");
        for (var i = 1; i <= 40; i++)
            host.Say("bob", $"numbered line {i}");
        client.WaitFor("numbered line 40");

        for (var i = 0; i < 10; i++)
            client.App.InjectMouse(new Mouse { ScreenPosition = new Point(10, 10), Flags = MouseFlags.WheeledUp });
        client.WaitFor("scrolled back");
        host.Say("bob", "numbered line 41");
        client.WaitUntil(() => client.Session.Lobby.Lines.Any(l => l.Text == "numbered line 41"), "line 41 arrives");

        Assert.DoesNotContain("numbered line 41", client.Screen);
        client.Press(Key.End.WithCtrl);
        Assert.Contains("numbered line 41", client.Screen);
    }

    [Fact]
    public void Esc_closes_a_dialog_but_never_the_chat()
    {
        using var host = LiveHost.Start();
        using var client = LoggedIn(host, "alice");
        using var help = new HelpDialog();
        var token = client.App.Begin(help);

        Assert.Contains("!X username message", client.Screen);
        client.Press(Key.Esc);
        Assert.True(help.StopRequested);
        client.App.End(token!);
        client.Press(Key.Esc);

        Assert.False(client.Shell.StopRequested);
        Assert.True(client.Shell.IsRunning);
    }

    [Fact]
    public void Typing_X_bob_hi_opens_a_DM_conversation_in_the_direct_panel()
    {
        using var host = LiveHost.Start();
        using var bob = LoggedIn(host, "bob");
        using var alice = LoggedIn(host, "alice");

        alice.Type("!X bob hi");
        alice.Press(Key.Enter);

        alice.WaitFor("<alice> hi");
        var screen = alice.Screen;
        output.WriteLine(screen);
        Assert.Contains("2 @bob", screen);
        Assert.Contains("DM with bob", screen);
        Assert.Contains("Message @bob", screen);
        bob.WaitFor("2 @alice (1)");
    }

    [Fact]
    public void The_direct_panel_counts_unread_DMs_until_the_conversation_is_viewed()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice");

        host.SendDirect("carol", "alice", "one", nick: "Carol");
        host.SendDirect("carol", "alice", "two", nick: "Carol");

        alice.WaitFor("2 @Carol (2)");
        Assert.Contains("Direct (2 unread)", alice.Screen);
        Assert.Equal(2, alice.Rings);

        alice.Press(Key.N.WithCtrl);

        alice.WaitFor("<Carol> two");
        Assert.Contains("2 @Carol", alice.Screen);
        Assert.DoesNotContain("@Carol (", alice.Screen);
        alice.Press(((Key)'1').WithAlt);
        Assert.Contains("Message #lobby", alice.Screen);
    }

    [Fact]
    public void Clicking_a_conversation_in_the_direct_panel_shows_it()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice");
        host.SendDirect("carol", "alice", "click me", nick: "Carol");
        alice.WaitFor("2 @Carol (1)");

        var rows = alice.Screen.Split('\n');
        var row = Array.FindIndex(rows, r => r.Contains("2 @Carol"));
        var column = rows[row].IndexOf("2 @Carol", StringComparison.Ordinal);
        alice.App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new Point(column + 2, row)));

        alice.WaitFor("<Carol> click me");
        Assert.Contains("Message @Carol", alice.Screen);
        Assert.DoesNotContain("@Carol (1)", alice.Screen);
    }

    [Fact]
    public void Shift_Tab_picks_a_conversation_from_the_list_and_Enter_returns_to_typing()
    {
        using var host = LiveHost.Start();
        using var bob = LoggedIn(host, "bob");
        using var alice = LoggedIn(host, "alice");
        host.SendDirect("bob", "alice", "psst");
        alice.WaitFor("2 @bob (1)");

        alice.Press(Key.Tab.WithShift);
        alice.Press(Key.CursorDown);
        alice.WaitFor("<bob> psst");
        alice.Press(Key.Enter);
        alice.Type("back at you");
        alice.Press(Key.Enter);

        alice.WaitFor("<alice> back at you");
        bob.WaitFor("2 @alice (1)");
    }

    [Fact]
    public void A_bad_command_shows_a_hint_and_keeps_the_text()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice");

        alice.Type("!X bob");
        alice.Press(Key.Enter);

        alice.WaitFor("Usage: !X username message");
        Assert.Equal("!X bob", alice.Shell.Chat!.Input.Typed);
    }

    [Fact]
    public void Tab_completes_and_Up_recalls()
    {
        using var host = LiveHost.Start();
        using var bob = LoggedIn(host, "bobby");
        using var alice = LoggedIn(host, "alice");
        alice.WaitFor("bobby");

        alice.Type("!ni");
        alice.Press(Key.Tab);
        Assert.Equal("!nick ", alice.Shell.Chat!.Input.Typed);
        alice.Type("Ali");
        alice.Press(Key.Enter);
        alice.WaitFor("Connected as Ali (alice)");

        alice.Type("hi bo");
        alice.Press(Key.Tab);
        Assert.Equal("hi bobby ", alice.Shell.Chat.Input.Typed);
        alice.Press(Key.CursorUp);
        Assert.Equal("!nick Ali", alice.Shell.Chat.Input.Typed);
    }

    [Fact]
    public void When_the_host_goes_away_the_status_says_reconnecting_and_typed_text_is_kept()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice");

        host.Stop();
        alice.WaitFor("reconnecting...");
        alice.Type("still there?");
        alice.Press(Key.Enter);

        alice.WaitFor("Not sent");
        Assert.Equal("still there?", alice.Shell.Chat!.Input.Typed);
        host.StartAgain();
        alice.WaitFor("Connected as alice (alice)");
        alice.Press(Key.Enter);
        alice.WaitFor("<alice> still there?");
    }

    [Fact]
    public void The_layout_holds_when_the_terminal_is_resized()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice", width: 120, height: 40);
        host.Say("bob", string.Join(' ', Enumerable.Repeat("wrapping", 20)));
        alice.WaitFor("<bob> wrapping");

        alice.App.Driver!.SetScreenSize(80, 24);

        var screen = alice.Screen;
        output.WriteLine(screen);
        Assert.Contains("Connected as alice (alice)", screen);
        Assert.Contains("<bob> wrapping", screen);
        Assert.Equal(24, screen.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void A_narrow_terminal_hides_the_side_panels_and_F2_shows_them()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice", width: 40, height: 12);

        host.Say("bob", "hello from the other side");

        alice.WaitFor("<bob> hello from the other");
        var screen = alice.Screen;
        output.WriteLine(screen);
        Assert.DoesNotContain("People", screen);
        Assert.Contains("F1 Help", screen);
        Assert.Contains("Message #lobby", screen);

        alice.Press(Key.F2);
        alice.WaitFor("People (2)");
        alice.Press(Key.F2);
        Assert.DoesNotContain("People", alice.Screen);
        Assert.Contains("<bob> hello from the other", alice.Screen);
    }
}
