using Chat.Actors.Accounts;

namespace Chat.Specs.Accounts;

public class AccountRulesSpecs
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("Alice_01", "alice_01")]
    [InlineData("a-b", "a-b")]
    [InlineData("abcdefghijklmnopqrst", "abcdefghijklmnopqrst")]
    public void Usernames_are_case_folded(string input, string expected)
    {
        Assert.True(AccountRules.TryNormalizeUsername(input, out var username));
        Assert.Equal(expected, username);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstu")]
    [InlineData("al ice")]
    [InlineData("alice!")]
    [InlineData("élise")]
    [InlineData(null)]
    public void Usernames_outside_the_alphabet_or_length_are_refused(string? input)
    {
        Assert.False(AccountRules.TryNormalizeUsername(input, out _));
    }

    [Theory]
    [InlineData("1234567", false)]
    [InlineData("12345678", true)]
    public void Passwords_need_eight_characters(string password, bool acceptable)
    {
        Assert.Equal(acceptable, AccountRules.CheckPassword(password) is null);
    }

    [Fact]
    public void Very_long_passwords_are_refused()
    {
        Assert.NotNull(AccountRules.CheckPassword(new string('x', AccountRules.MaxPasswordLength + 1)));
    }

    [Theory]
    [InlineData("  Al  ", "Al")]
    [InlineData("🐱cat", "🐱cat")]
    [InlineData("日本語", "日本語")]
    public void Nicknames_are_trimmed_and_may_use_any_script(string input, string expected)
    {
        Assert.True(AccountRules.TryNormalizeNickname(input, out var nickname, out _));
        Assert.Equal(expected, nickname);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two words")]
    [InlineData("bell\a")]
    [InlineData("\u001b[31mred")]
    public void Nicknames_with_spaces_or_control_characters_are_refused(string input)
    {
        Assert.False(AccountRules.TryNormalizeNickname(input, out _, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Nickname_length_counts_what_a_person_sees()
    {
        var thirtyTwoCats = string.Concat(Enumerable.Repeat("🐱", AccountRules.MaxNicknameLength));
        Assert.True(AccountRules.TryNormalizeNickname(thirtyTwoCats, out _, out _));
        Assert.False(AccountRules.TryNormalizeNickname(thirtyTwoCats + "🐱", out _, out _));
    }
}
