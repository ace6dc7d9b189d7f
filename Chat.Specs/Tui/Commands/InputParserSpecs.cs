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
        Assert.Equal(("X", new CommandArgs(to, text)), Read(line));

    [Theory]
    [InlineData("!nick Ali", "nick")]
    [InlineData("/nick Ali", "nick")]
    [InlineData("!who", "who")]
    [InlineData("/who", "who")]
    [InlineData("!me waves", "me")]
    [InlineData("/me waves", "me")]
    [InlineData("!help", "help")]
    [InlineData("/HELP", "help")]
    [InlineData("!quit", "quit")]
    [InlineData("/quit bye", "quit")]
    [InlineData("!bell", "bell")]
    [InlineData("/bell off", "bell")]
    public void Every_command_works_with_both_prefixes(string line, string expected) =>
        Assert.Equal(expected, InputParser.Parse(line).Command?.Spec.Name);

    [Fact]
    public void Command_arguments_are_read()
    {
        Assert.Equal(("nick", new CommandArgs("Ali")), Read("!nick Ali"));
        Assert.Equal(("me", new CommandArgs(Text: "waves at everyone")), Read("!me waves at everyone"));
        Assert.Equal(("bell", CommandArgs.None), Read("!bell"));
        Assert.Equal(("bell", new CommandArgs("on")), Read("!bell on"));
        Assert.Equal(("bell", new CommandArgs("off")), Read("/bell OFF"));
    }

    [Fact]
    public void Room_presence_and_reply_commands_read_their_arguments()
    {
        Assert.Equal(("join", new CommandArgs("dev")), Read("!join #Dev"));
        Assert.Equal(("join", new CommandArgs("dev")), Read("/join dev"));
        Assert.Equal(("leave", CommandArgs.None), Read("!leave"));
        Assert.Equal(("leave", new CommandArgs("dev")), Read("/part #dev"));
        Assert.Equal(("rooms", CommandArgs.None), Read("/rooms"));
        Assert.Equal(("away", new CommandArgs(Text: "lunch, back at 2")), Read("!away lunch, back at 2"));
        Assert.Equal(("away", CommandArgs.None), Read("!away"));
        Assert.Equal(("back", CommandArgs.None), Read("/back"));
        Assert.Equal(("whois", new CommandArgs("bob")), Read("!whois bob"));
        Assert.Equal(("reply", new CommandArgs(Text: "on my way")), Read("!reply on my way"));
        Assert.Equal(("reply", new CommandArgs(Text: "ok")), Read("/r ok"));
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
        Assert.Equal(("say", new CommandArgs(Text: text)), Read(line));

    private static (string?, CommandArgs?) Read(string line) =>
        InputParser.Parse(line).Command is { } command ? (command.Spec.Name, command.Args) : (null, null);

    [Fact]
    public void An_empty_line_does_nothing() => Assert.True(InputParser.Parse("   ").IsEmpty);
}
