using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 17's nickname attack against the real host: mallory cannot pass as alice.</summary>
public sealed class NicknameEndToEndSpecs() : EndToEndSpec(TestHost.ScriptedClientAllowance, "alice", "mallory")
{
    public static TheoryData<string, string> Attacks => new()
    {
        { "alice", ErrorCodes.NickTaken },
        { "Alice", ErrorCodes.NickTaken },
        { "\u0430lice", ErrorCodes.NickTaken }, // Cyrillic а
        { "\uFF41\uFF4C\uFF49\uFF43\uFF45", ErrorCodes.NickTaken }, // fullwidth
        { "alice\u200B", ErrorCodes.BadNick },
        { "\u202Eecila", ErrorCodes.BadNick },
        { "\u2066alice\u2069", ErrorCodes.BadNick },
        { "\u2067alice", ErrorCodes.BadNick },
        { "\u2068alice", ErrorCodes.BadNick },
        { "\uFEFFalice", ErrorCodes.BadNick },
        { "\u3164", ErrorCodes.BadNick },
        { "\u2800", ErrorCodes.BadNick },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task A_look_alike_or_invisible_nickname_is_refused_and_the_nickname_stays(string nick, string code)
    {
        await using var mallory = await LogInAsync("mallory");

        var refusal = await mallory.ExpectErrorAsync(new ChangeNick(nick), code);

        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        var whois = Assert.IsType<WhoisInfo>(await mallory.RequestAsync(new Whois("mallory")));
        Assert.Equal("mallory", whois.Nick);
    }

    [Fact]
    public async Task Five_thousand_combining_marks_are_refused()
    {
        await using var mallory = await LogInAsync("mallory");

        await mallory.ExpectErrorAsync(new ChangeNick("a" + new string('\u0301', 5000)), ErrorCodes.BadNick);
    }

    [Fact]
    public async Task A_nickname_taken_by_one_is_refused_to_the_other_even_after_a_restart()
    {
        await using (var alice = await LogInAsync("alice"))
        {
            var ok = Assert.IsType<Ok>(await alice.RequestAsync(new ChangeNick("Wonderland")));
            Assert.Equal("Wonderland", ok.Nick);
        }
        await Host.RestartAsync();

        await using var mallory = await LogInAsync("mallory");
        var refusal = await mallory.ExpectErrorAsync(new ChangeNick("W\u043Enderland"), ErrorCodes.NickTaken); // Cyrillic о
        Assert.Contains("taken", refusal.Message);
    }

    [Fact]
    public async Task A_new_username_that_looks_like_a_nickname_in_use_is_taken()
    {
        await using (var alice = await LogInAsync("alice"))
            Assert.IsType<Ok>(await alice.RequestAsync(new ChangeNick("Queen")));

        await using var stranger = await Host.ConnectAsync();
        await stranger.HelloAsync();
        await stranger.ExpectErrorAsync(new Register("queen", Password), ErrorCodes.NameTaken);
    }
}
