using Xunit.Abstractions;

namespace Chat.Specs.Tui.Views;

/// <summary>Issue 17: what others write cannot reorder or hide the screen around it, and a nickname never stands alone.</summary>
[Collection(TerminalCollection.Name)]
public class DeceptiveTextViewSpecs(ITestOutputHelper output)
{
    [Fact]
    public void A_right_to_left_override_shows_as_a_visible_mark_and_reorders_nothing()
    {
        using var host = new FakeHost();
        using var client = ChatWindowSpecs.LoggedIn(host, "alice");

        // Straight from a host that did not close it: the client does not rely on the host.
        host.Say("bob", "bob", "open \u202Egnp.exe now");
        host.Say("bob", "bob", "next line");

        client.WaitFor("next line");
        var screen = client.Screen;
        output.WriteLine(screen);
        Assert.Contains("<bob> open <U+202E>gnp.exe now", screen, StringComparison.Ordinal);
        // Ordinal: a culture-aware search ignores format characters and would find one anywhere.
        Assert.DoesNotContain("\u202E", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Isolates_zero_width_characters_and_separators_are_shown_not_obeyed()
    {
        using var host = new FakeHost();
        using var client = ChatWindowSpecs.LoggedIn(host, "alice");

        host.Say("bob", "bob", "a\u2066b\u200Bc\u2028d\uFEFFe");

        client.WaitFor("<bob> a<U+2066>b<U+200B>c<U+2028>d<U+FEFF>e");
    }

    [Fact]
    public void A_nickname_that_is_not_the_username_shows_the_username_beside_it()
    {
        using var host = new FakeHost();
        using var client = ChatWindowSpecs.LoggedIn(host, "alice");

        host.Say("mallory", "alice", "it is me, alice");
        host.Say("bob", "Bob", "same person, other case");

        client.WaitFor("<alice (mallory)> it is me, alice");
        client.WaitFor("<Bob> same person, other case");
    }

    [Fact]
    public void Bidi_controls_in_a_nickname_show_as_marks_too()
    {
        using var host = new FakeHost();
        using var client = ChatWindowSpecs.LoggedIn(host, "alice");

        host.Say("mallory", "\u202Eecila", "hello");

        client.WaitFor("<<U+202E>ecila (mallory)> hello");
    }
}
