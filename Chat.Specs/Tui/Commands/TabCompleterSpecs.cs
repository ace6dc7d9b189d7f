using Chat.Tui.Commands;

namespace Chat.Specs.Tui.Commands;

public class TabCompleterSpecs
{
    private static readonly string[] Names = ["alice", "Ali", "bob", "Bobby"];

    [Fact]
    public void Command_words_complete_at_the_start_of_a_line()
    {
        Assert.Equal(["!nick"], TabCompleter.Candidates("!ni", isFirstWord: true, Names));
        Assert.Equal(["/msg", "/me", "/mute", "/mode"], TabCompleter.Candidates("/m", isFirstWord: true, Names));
        Assert.Contains("!X", TabCompleter.Candidates("!", isFirstWord: true, Names));
    }

    [Fact]
    public void Names_complete_anywhere_ignoring_case()
    {
        Assert.Equal(["Ali", "alice"], TabCompleter.Candidates("al", isFirstWord: false, Names));
        Assert.Equal(["bob", "Bobby"], TabCompleter.Candidates("BO", isFirstWord: true, Names));
        Assert.Empty(TabCompleter.Candidates("zed", isFirstWord: false, Names));
    }

    [Fact]
    public void Tab_completes_the_last_word_and_cycles_on_repeat()
    {
        var completer = new TabCompleter();

        var first = completer.Complete("!X bo", Names);
        var second = completer.Complete(first, Names);
        var third = completer.Complete(second, Names);

        Assert.Equal("!X bob ", first);
        Assert.Equal("!X Bobby ", second);
        Assert.Equal("!X bob ", third);
    }

    [Fact]
    public void Nothing_to_complete_leaves_the_input_alone() =>
        Assert.Equal("hello zed", new TabCompleter().Complete("hello zed", Names));

    [Fact]
    public void A_single_candidate_completes_with_a_space() =>
        Assert.Equal("!nick ", new TabCompleter().Complete("!nic", Names));
}
