using Chat.Actors.Identity;

namespace Chat.Specs.Identity;

/// <summary>The nickname attack of issue 17, row by row, and what a nickname may still hold.</summary>
public sealed class NicknameRulesSpecs
{
    [Theory]
    [InlineData("alice\u200B", "U+200B")] // zero-width space
    [InlineData("\u202Eecila", "U+202E")] // right-to-left override
    [InlineData("\u2066alice", "U+2066")] // left-to-right isolate
    [InlineData("\u2067alice", "U+2067")]
    [InlineData("\u2068alice", "U+2068")]
    [InlineData("alice\u2069", "U+2069")] // pop directional isolate
    [InlineData("\uFEFFalice", "U+FEFF")] // byte order mark
    [InlineData("alice\u00AD", "U+00AD")] // soft hyphen
    [InlineData("ali\u200Dce", "U+200D")] // zero-width joiner
    public void Format_characters_are_refused(string nick, string named)
    {
        Assert.False(NicknameRules.TryNormalize(nick, out _, out var problem));
        Assert.Contains(named, problem);
    }

    [Theory]
    [InlineData("\u3164")] // Hangul filler
    [InlineData("alice\u3164")]
    [InlineData("\u2800")] // Braille blank
    [InlineData("\u115Falice")] // Hangul choseong filler
    [InlineData("\u1160alice")] // Hangul jungseong filler
    [InlineData("alice\uFFA0")] // halfwidth Hangul filler
    [InlineData("ali\u034Fce")] // combining grapheme joiner
    [InlineData("alice\uFE00")] // variation selector 1
    public void Invisible_fillers_are_refused(string nick)
    {
        Assert.False(NicknameRules.TryNormalize(nick, out _, out var problem));
        Assert.Contains("invisible", problem);
    }

    [Theory]
    [InlineData("\uE000lice", "private-use")]
    [InlineData("\U000F0000", "private-use")]
    [InlineData("a\u0378", "unassigned")]
    [InlineData("al ice", "spaces")]
    [InlineData("al\u3000ice", "spaces")]
    [InlineData("al\u2028ice", "spaces")]
    [InlineData("al\tice", "spaces")]
    public void Private_unassigned_broken_and_space_characters_are_refused(string nick, string named)
    {
        Assert.False(NicknameRules.TryNormalize(nick, out _, out var problem));
        Assert.Contains(named, problem);
    }

    [Fact]
    public void A_broken_surrogate_is_refused()
    {
        Assert.False(NicknameRules.TryNormalize("a\uD800b", out _, out var problem));
        Assert.Contains("unpaired surrogate", problem);
    }

    [Fact]
    public void Five_thousand_combining_marks_on_one_letter_are_refused_and_a_few_are_fine()
    {
        Assert.False(NicknameRules.TryNormalize("a" + new string('\u0301', 5000), out _, out _));
        Assert.False(NicknameRules.TryNormalize("a" + new string('\u0301', 5), out _, out var problem));
        Assert.Contains("combining marks", problem);

        Assert.True(NicknameRules.TryNormalize("Nguy\u1EC5n", out _, out _)); // Vietnamese, two marks once decomposed
        Assert.True(NicknameRules.TryNormalize("a\u0301\u0302\u0303\u0304", out _, out _));
    }

    [Fact]
    public void The_length_counts_utf16_code_units_as_well_as_characters()
    {
        Assert.True(NicknameRules.TryNormalize(string.Concat(Enumerable.Repeat("🐱", 32)), out _, out _));
        Assert.False(NicknameRules.TryNormalize(string.Concat(Enumerable.Repeat("🐱", 33)), out _, out _));
        // Thirteen characters, but each a stack of marks: few graphemes, many code units.
        var heavy = string.Concat(Enumerable.Repeat("x\u0301\u0302\u0303\u0304", 13));
        Assert.False(NicknameRules.TryNormalize(heavy, out _, out var problem));
        Assert.Contains("UTF-16", problem);
    }

    [Theory]
    [InlineData("Zoë")]
    [InlineData("Алиса")]
    [InlineData("אליס")]
    [InlineData("أليس")]
    [InlineData("李小龍")]
    [InlineData("ninja🥷")]
    [InlineData("❤\uFE0F")] // emoji presentation selector stays
    public void Letters_of_any_script_and_emoji_are_nicknames(string nick) =>
        Assert.True(NicknameRules.TryNormalize(nick, out _, out _));

    [Fact]
    public void A_nickname_is_kept_trimmed_and_composed()
    {
        Assert.True(NicknameRules.TryNormalize("  Zoe\u0308 ", out var nickname, out _));

        Assert.Equal("Zo\u00EB", nickname);
    }
}
