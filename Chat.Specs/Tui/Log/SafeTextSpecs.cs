using Chat.Tui.Log;

namespace Chat.Specs.Tui.Log;

public sealed class SafeTextSpecs
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("\u202Eabc", "<U+202E>abc")]
    [InlineData("a\u200Eb\u200Fc", "a<U+200E>b<U+200F>c")]
    [InlineData("a\u0007b\u001B[31m", "a b [31m")]
    public void Hidden_and_moving_characters_are_made_visible_or_blank(string text, string shown) =>
        Assert.Equal(shown, SafeText.Visible(text));

    [Fact]
    public void A_broken_surrogate_shows_as_the_replacement_character() =>
        Assert.Equal("a\uFFFDb", SafeText.Visible("a\uD800b"));

    [Theory]
    [InlineData("👨\u200D👩\u200D👧")]
    [InlineData("می\u200Cخواهم")]
    [InlineData("שלום")]
    [InlineData("🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")]
    [InlineData("Nguye\u0302\u0303n")]
    public void What_languages_and_emoji_need_is_shown_as_is(string text) =>
        Assert.Equal(text, SafeText.Visible(text));

    [Fact]
    public void A_stack_of_combining_marks_is_cut_so_it_cannot_cover_other_rows() =>
        Assert.Equal("a" + new string('\u0301', SafeText.MaxCombiningMarks) + "b", SafeText.Visible("a" + new string('\u0301', 5000) + "b"));

    [Theory]
    [InlineData("alice", "alice", "alice")]
    [InlineData("alice", "Alice", "Alice")]
    [InlineData("mallory", "alice", "alice (mallory)")]
    [InlineData("alice", "Wonderland", "Wonderland (alice)")]
    public void A_nickname_other_than_the_username_comes_with_the_username(string user, string nick, string shown) =>
        Assert.Equal(shown, SafeText.Author(user, nick));
}
