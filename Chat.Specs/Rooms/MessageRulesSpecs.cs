using Chat.Actors.Rooms;

namespace Chat.Specs.Rooms;

public class MessageRulesSpecs
{
    [Fact]
    public void Line_breaks_are_normalised_and_tabs_kept()
    {
        Assert.True(MessageRules.TryNormalizeText("a\r\nb\tc", 100, out var text, out _));
        Assert.Equal("a\nb\tc", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n ")]
    [InlineData("\u001b]0;pwned\a")]
    [InlineData("bell\a")]
    public void Empty_texts_and_terminal_control_characters_are_refused(string input)
    {
        Assert.False(MessageRules.TryNormalizeText(input, 100, out _, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Texts_longer_than_the_limit_are_refused()
    {
        Assert.True(MessageRules.TryNormalizeText(new string('x', 10), 10, out _, out _));
        Assert.False(MessageRules.TryNormalizeText(new string('x', 11), 10, out _, out var problem));
        Assert.Contains("10", problem);
    }
}
