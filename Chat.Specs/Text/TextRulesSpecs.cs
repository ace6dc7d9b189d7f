using Chat.Actors.Rooms;
using Chat.Actors.Text;

namespace Chat.Specs.Text;

public sealed class TextRulesSpecs
{
    [Theory]
    [InlineData("\u202Egnp.exe", "\u202Egnp.exe\u202C")] // right-to-left override left open
    [InlineData("a\u202Bb\u202Dc", "a\u202Bb\u202Dc\u202C\u202C")]
    [InlineData("\u2066x", "\u2066x\u2069")]
    [InlineData("\u2067x\u202Ay", "\u2067x\u202Ay\u202C\u2069")]
    [InlineData("\u2068x\u202Ey\u2069z", "\u2068x\u202Ey\u202C\u2069z")] // a PDI closes what opened inside its isolate
    [InlineData("\u202Eone\ntwo", "\u202Eone\u202C\ntwo")] // closed per line
    public void Bidi_controls_left_open_are_closed_at_the_end_of_their_line(string text, string kept)
    {
        Assert.True(TextRules.TryClean(text, out var cleaned, out _));

        Assert.Equal(kept, cleaned);
    }

    [Theory]
    [InlineData("a\u202Cb", "ab")] // a PDF with nothing open
    [InlineData("a\u2069b", "ab")] // a PDI with nothing open
    [InlineData("\u2066a\u202Cb\u2069", "\u2066ab\u2069")] // a PDF cannot close across an isolate
    public void Closers_with_nothing_to_close_are_dropped(string text, string kept)
    {
        Assert.True(TextRules.TryClean(text, out var cleaned, out _));

        Assert.Equal(kept, cleaned);
    }

    [Theory]
    [InlineData("one\u2028two", "U+2028")]
    [InlineData("one\u2029two", "U+2029")]
    [InlineData("see \uFFF9hidden\uFFFAruby\uFFFB", "annotation")]
    public void Separators_and_annotations_are_refused(string text, string named)
    {
        Assert.False(TextRules.TryClean(text, out _, out var problem));
        Assert.Contains(named, problem);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        Assert.False(TextRules.TryClean(new string('\u202E', TextRules.MaxBidiDepth + 1), out _, out var problem));
        Assert.Contains("nest", problem);
        Assert.True(TextRules.TryClean(new string('\u202E', TextRules.MaxBidiDepth), out _, out _));
    }

    [Theory]
    [InlineData("👨\u200D👩\u200D👧 family")] // ZWJ emoji sequence
    [InlineData("می\u200Cخواهم")] // Persian with ZWNJ
    [InlineData("שלום עולם")]
    [InlineData("مرحبا \u200Fبالعالم")] // right-to-left mark
    [InlineData("\u2067שלום\u2069 said alice")] // a closed isolate
    [InlineData("🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")] // flag of England (tag characters)
    public void What_languages_and_emoji_need_is_kept_unchanged(string text)
    {
        Assert.True(TextRules.TryClean(text, out var cleaned, out _));

        Assert.Equal(text, cleaned);
    }

    [Fact]
    public void Messages_and_direct_messages_go_through_the_rule()
    {
        Assert.True(MessageRules.TryNormalizeText("\u202Eevil", 4000, out var text, out _));
        Assert.Equal("\u202Eevil\u202C", text);
        Assert.False(MessageRules.TryNormalizeText("a\u2028b", 4000, out _, out _));
    }
}
