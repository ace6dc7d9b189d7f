using Terminal.Gui.Input;
using Xunit.Abstractions;
using static Chat.Specs.Tui.Views.ChatWindowSpecs;

namespace Chat.Specs.Tui.Views;

/// <summary>The input bar: long lines, pastes of many lines, the host's limit, readline keys.</summary>
[Collection(TerminalCollection.Name)]
public class InputBarSpecs(ITestOutputHelper output)
{
    [Fact]
    public void Typing_eight_thousand_characters_keeps_no_copy_per_keystroke()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice");
        var text = string.Concat(Enumerable.Range(0, 8000).Select(i => (char)('a' + i % 26)));

        // Terminal.Gui's TextField kept an undo copy of the whole line per key: 8,000 keys
        // allocated gigabytes (at least 64 MB of copies alone). Key handling itself allocates
        // some tens of MB here; the bound is well below what the copies took.
        var before = GC.GetAllocatedBytesForCurrentThread();
        alice.Type(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{allocated / 1024 / 1024.0:0.0} MB allocated for 8,000 keys");

        Assert.Equal(text, alice.Shell.Chat!.Input.Typed);
        Assert.True(allocated < 256L * 1024 * 1024, $"{allocated:N0} bytes allocated for 8,000 keys");
        Assert.Contains(text[^40..], alice.Screen);
    }

    [Theory]
    // 4,001 characters, past max_text_chars.
    [InlineData(null, 'x', 4001, "the host takes at most 4,000")]
    // 1,500 characters, under max_text_chars, but 3,000 bytes: the host would skip the line.
    [InlineData("chat.protocol.max-line-bytes = 2048", 'é', 1500, "the host reads at most")]
    public void A_line_longer_than_the_host_takes_is_refused_before_sending_and_stays(string? hostConfig, char letter, int length, string notice)
    {
        using var host = LiveHost.Start(hostConfig);
        using var alice = LoggedIn(host, "alice");
        var tooLong = new string(letter, length);
        alice.App.RaisePasteEvent(tooLong);

        alice.Press(Key.Enter);

        alice.WaitFor(notice);
        Assert.Equal(tooLong, alice.Shell.Chat!.Input.Typed);
        Assert.DoesNotContain(host.Received, f => f is Chat.Protocol.Say);
    }

    [Fact]
    public void A_paste_of_several_lines_asks_and_Enter_sends_each_line()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice");

        alice.App.RaisePasteEvent("first line\r\nsecond line\nthird line\n");

        alice.WaitFor("Paste of 3 lines");
        Assert.Equal("", alice.Shell.Chat!.Input.Typed);
        alice.Press(Key.Enter);
        alice.WaitFor("<alice> third line");
        var screen = alice.Screen;
        output.WriteLine(screen);
        Assert.True(screen.IndexOf("<alice> first line", StringComparison.Ordinal) < screen.IndexOf("<alice> second line", StringComparison.Ordinal));
        Assert.Contains("Message #lobby", screen);
    }

    [Fact]
    public void A_paste_of_several_lines_can_be_joined_into_one_or_dropped()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice");

        alice.App.RaisePasteEvent("one\ntwo");
        alice.WaitFor("Paste of 2 lines");
        alice.Press(Key.J);
        Assert.Equal("one two", alice.Shell.Chat!.Input.Typed);

        alice.App.RaisePasteEvent("three\nfour");
        alice.WaitFor("Paste of 2 lines");
        alice.Press(Key.Esc);
        Assert.Equal("one two", alice.Shell.Chat.Input.Typed);
        Assert.Contains("Message #lobby", alice.Screen);
        Assert.True(alice.Shell.IsRunning);
    }

    [Fact]
    public void Readline_keys_edit_the_line()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice");
        var input = alice.Shell.Chat!.Input;

        alice.Type("hello brave world");
        alice.Press(Key.W.WithCtrl);
        Assert.Equal("hello brave ", input.Typed);
        alice.Press(Key.A.WithCtrl);
        alice.Type(">");
        alice.Press(Key.E.WithCtrl);
        alice.Type("new");
        Assert.Equal(">hello brave new", input.Typed);
        alice.Press(Key.B.WithAlt);
        alice.Press(Key.CursorLeft.WithCtrl);
        alice.Press(Key.K.WithCtrl);
        Assert.Equal(">hello ", input.Typed);
        alice.Press(Key.CursorLeft.WithCtrl);
        alice.Press(Key.F.WithAlt);
        alice.Press(Key.U.WithCtrl);
        Assert.Equal(" ", input.Typed);
    }

    [Fact]
    public void A_nickname_at_the_start_of_a_line_completes_as_irssi_addresses_people()
    {
        using var host = LiveHost.Start();
        using var alice = LoggedIn(host, "alice");
        host.Say("bob", "hello", nick: "Bobcat");
        alice.WaitFor("Bobcat");

        alice.Type("Bo");
        alice.Press(Key.Tab);
        Assert.Equal("Bobcat: ", alice.Shell.Chat!.Input.Typed);

        alice.Type("see !whois b");
        alice.Press(Key.Tab);
        Assert.Equal("Bobcat: see !whois bob ", alice.Shell.Chat.Input.Typed);
    }
}
