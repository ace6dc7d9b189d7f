using Chat.Host.Irc;

namespace Chat.Specs.Irc;

/// <summary>IRC messages read and written as RFC 1459 and IRCv3 message tags say, and never a throw on junk.</summary>
public sealed class IrcLineSpecs
{
    [Fact]
    public void Tags_source_command_middle_and_trailing_parameters_are_read()
    {
        var line = IrcLine.Parse("@time=2026-12-06T10:00:00.000Z;msgid=a\\sb;+draft/x :nick!user@host privmsg #lobby :hello there : friend\r\n")!;

        Assert.Equal("PRIVMSG", line.Command);
        Assert.Equal("nick!user@host", line.Source);
        Assert.Equal(["#lobby", "hello there : friend"], line.Params.ToArray());
        Assert.Equal("2026-12-06T10:00:00.000Z", line.Tags["time"]);
        Assert.Equal("a b", line.Tags["msgid"]);
        Assert.Equal("", line.Tags["+draft/x"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(":source-only")]
    [InlineData("@tags-only")]
    [InlineData("@a=b :src")]
    public void What_is_not_a_message_reads_as_nothing(string text) => Assert.Null(IrcLine.Parse(text));

    [Fact]
    public void A_line_is_written_with_a_trailing_parameter_only_where_it_needs_one()
    {
        Assert.Equal("JOIN #lobby", IrcLine.Of("JOIN", "#lobby").ToString());
        Assert.Equal(":srv 001 me :Welcome to the chat", (IrcLine.Of("001", "me", "Welcome to the chat") with { Source = "srv" }).ToString());
        Assert.Equal("AWAY", IrcLine.Of("AWAY").ToString());
        Assert.Equal("PRIVMSG #a :", IrcLine.Of("PRIVMSG", "#a", "").ToString());
        Assert.Equal("PRIVMSG #a ::)", IrcLine.Of("PRIVMSG", "#a", ":)").ToString());
        Assert.Equal("PRIVMSG #a :word", IrcLine.Of("PRIVMSG", "#a", "word").ToString());
    }

    [Fact]
    public void Tag_values_survive_a_round_trip_through_their_escapes()
    {
        var line = IrcLine.Of("PRIVMSG", "#a", "x") with { Tags = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("k", "semi;colon space\\back") };

        Assert.Equal("semi;colon space\\back", IrcLine.Parse(line.ToString())!.Tags["k"]);
    }

    [Theory]
    [InlineData("\u0002bold\u0002 and \u000304,12colour\u0003 and \u001Ditalic\u000F", "bold and colour and italic")]
    [InlineData("plain", "plain")]
    [InlineData("\u00034", "")]
    [InlineData("\u0004ff00ffhex", "hex")]
    public void Formatting_codes_are_taken_out_of_text(string text, string plain) => Assert.Equal(plain, IrcFormatting.Strip(text));

    [Theory]
    [InlineData("alice", "Alice", "Alice")]
    [InlineData("alice", "Alice W", "alice")]
    [InlineData("alice", "9lives", "alice")]
    [InlineData("alice", "a,b", "alice")]
    public void A_nickname_irc_cannot_carry_shows_as_the_username(string user, string nickname, string nick) =>
        Assert.Equal(nick, IrcNames.Nick(user, nickname));
}
