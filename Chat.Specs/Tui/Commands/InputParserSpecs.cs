using Chat.Tui.Commands;

namespace Chat.Specs.Tui.Commands;

public class InputParserSpecs
{
    [Theory]
    [InlineData("!X bob hi there", "bob", "hi there")]
    [InlineData("/msg bob hi there", "bob", "hi there")]
    [InlineData("!x bob  hi", "bob", "hi")]
    [InlineData("/X bob 🎉 party", "bob", "🎉 party")]
    public void Direct_messages_name_the_recipient_and_the_text(string line, string to, string text) =>
        Assert.Equal(new SendDirectCommand(to, text), InputParser.Parse(line).Command);

    [Theory]
    [InlineData("!nick Ali", typeof(ChangeNickCommand))]
    [InlineData("/nick Ali", typeof(ChangeNickCommand))]
    [InlineData("!who", typeof(WhoCommand))]
    [InlineData("/who", typeof(WhoCommand))]
    [InlineData("!me waves", typeof(ActionCommand))]
    [InlineData("/me waves", typeof(ActionCommand))]
    [InlineData("!help", typeof(HelpCommand))]
    [InlineData("/HELP", typeof(HelpCommand))]
    [InlineData("!quit", typeof(QuitCommand))]
    [InlineData("/quit bye", typeof(QuitCommand))]
    [InlineData("!bell", typeof(BellCommand))]
    [InlineData("/bell off", typeof(BellCommand))]
    public void Every_command_works_with_both_prefixes(string line, Type expected) =>
        Assert.IsType(expected, InputParser.Parse(line).Command);

    [Fact]
    public void Command_arguments_are_read()
    {
        Assert.Equal(new ChangeNickCommand("Ali"), InputParser.Parse("!nick Ali").Command);
        Assert.Equal(new ActionCommand("waves at everyone"), InputParser.Parse("!me waves at everyone").Command);
        Assert.Equal(new BellCommand(null), InputParser.Parse("!bell").Command);
        Assert.Equal(new BellCommand(true), InputParser.Parse("!bell on").Command);
        Assert.Equal(new BellCommand(false), InputParser.Parse("/bell OFF").Command);
    }

    [Fact]
    public void Room_presence_and_reply_commands_read_their_arguments()
    {
        Assert.Equal(new JoinCommand("dev"), InputParser.Parse("!join #Dev").Command);
        Assert.Equal(new JoinCommand("dev"), InputParser.Parse("/join dev").Command);
        Assert.Equal(new LeaveCommand(null), InputParser.Parse("!leave").Command);
        Assert.Equal(new LeaveCommand("dev"), InputParser.Parse("/part #dev").Command);
        Assert.Equal(new RoomsCommand(), InputParser.Parse("/rooms").Command);
        Assert.Equal(new AwayCommand("lunch, back at 2"), InputParser.Parse("!away lunch, back at 2").Command);
        Assert.Equal(new AwayCommand(null), InputParser.Parse("!away").Command);
        Assert.Equal(new BackCommand(), InputParser.Parse("/back").Command);
        Assert.Equal(new WhoisCommand("bob"), InputParser.Parse("!whois bob").Command);
        Assert.Equal(new ReplyCommand("on my way"), InputParser.Parse("!reply on my way").Command);
        Assert.Equal(new ReplyCommand("ok"), InputParser.Parse("/r ok").Command);
    }

    [Theory]
    [InlineData("!X", "Usage: !X username message")]
    [InlineData("!X bob", "Usage: !X username message")]
    [InlineData("/msg bob   ", "Usage: /msg username message")]
    [InlineData("!nick", "Usage: !nick newname")]
    [InlineData("!nick two words", "Usage: !nick newname")]
    [InlineData("!who is there", "Usage: !who")]
    [InlineData("/me", "Usage: /me action")]
    [InlineData("!help me", "Usage: !help")]
    [InlineData("!bell loud", "Usage: !bell [on|off]")]
    [InlineData("!join", "Usage: !join #room")]
    [InlineData("/join #a", "Usage: /join #room")]
    [InlineData("!join two words", "Usage: !join #room")]
    [InlineData("!join #dev!", "Usage: !join #room")]
    [InlineData("!leave #dev now", "Usage: !leave [#room]")]
    [InlineData("!rooms all", "Usage: !rooms")]
    [InlineData("!back soon", "Usage: !back")]
    [InlineData("!whois", "Usage: !whois username")]
    [InlineData("!whois bob carol", "Usage: !whois username")]
    [InlineData("!reply", "Usage: !reply message")]
    public void Wrong_usage_gives_a_one_line_hint_and_no_command(string line, string hintStart)
    {
        var parsed = InputParser.Parse(line);

        Assert.Null(parsed.Command);
        Assert.StartsWith(hintStart, parsed.Hint);
        Assert.DoesNotContain('\n', parsed.Hint!);
    }

    [Theory]
    [InlineData("!dance", "Unknown command !dance")]
    [InlineData("/teleport home", "Unknown command /teleport")]
    public void Unknown_commands_give_a_hint(string line, string hintStart)
    {
        var parsed = InputParser.Parse(line);

        Assert.Null(parsed.Command);
        Assert.StartsWith(hintStart, parsed.Hint);
    }

    [Theory]
    [InlineData("hello everyone", "hello everyone")]
    [InlineData("  hi  ", "hi")]
    [InlineData("!!! wow", "!!! wow")]
    [InlineData("! not a command", "! not a command")]
    [InlineData("//usr/bin is a path", "/usr/bin is a path")]
    [InlineData("日本語 and 👋🏽", "日本語 and 👋🏽")]
    public void Anything_else_is_text_for_the_current_conversation(string line, string text) =>
        Assert.Equal(new SendText(text), InputParser.Parse(line).Command);

    [Fact]
    public void An_empty_line_does_nothing() => Assert.True(InputParser.Parse("   ").IsEmpty);
}
