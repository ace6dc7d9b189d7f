using Xunit.Abstractions;

namespace Chat.Specs.Tui.Views;

/// <summary>
/// Issue 17: what others write cannot reorder or hide the screen around it, and a nickname never
/// stands alone. The host already closes what text leaves open and refuses look-alike and
/// invisible nicknames; the client shows what control characters are left rather than obey
/// them (SafeTextSpecs covers every class of them without a host).
/// </summary>
[Collection(TerminalCollection.Name)]
public class DeceptiveTextViewSpecs(ITestOutputHelper output)
{
    [Fact]
    public void A_right_to_left_override_shows_as_a_visible_mark_and_reorders_nothing()
    {
        using var host = LiveHost.Start();
        using var client = ChatWindowSpecs.LoggedIn(host, "alice");

        host.Say("bob", "open \u202Egnp.exe now");
        host.Say("bob", "next line");

        client.WaitFor("next line");
        var screen = client.Screen;
        output.WriteLine(screen);
        Assert.Contains("<bob> open <U+202E>gnp.exe now", screen, StringComparison.Ordinal);
        // Ordinal: a culture-aware search ignores format characters and would find one anywhere.
        Assert.DoesNotContain("\u202E", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Isolates_and_zero_width_characters_are_shown_not_obeyed()
    {
        using var host = LiveHost.Start();
        using var client = ChatWindowSpecs.LoggedIn(host, "alice");

        host.Say("bob", "a\u2066b\u200Bc\u2069d\uFEFFe");

        client.WaitFor("<bob> a<U+2066>b<U+200B>c<U+2069>d<U+FEFF>e");
        Assert.DoesNotContain("\u2066", client.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nickname_that_is_not_the_username_shows_the_username_beside_it()
    {
        using var host = LiveHost.Start();
        using var client = ChatWindowSpecs.LoggedIn(host, "alice");

        host.Say("mallory", "it is me, alice", nick: "Alicia");
        host.Say("bob", "same person, other case", nick: "Bob");

        client.WaitFor("<Alicia (mallory)> it is me, alice");
        client.WaitFor("<Bob> same person, other case");
    }
}
