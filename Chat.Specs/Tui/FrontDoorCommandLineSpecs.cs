using Chat.Tui;

namespace Chat.Specs.Tui;

/// <summary>The client flags the SSH front door and packaging use: --user NAME and --version.</summary>
public sealed class FrontDoorCommandLineSpecs
{
    [Fact]
    public void User_is_filled_in_from_the_flag()
    {
        Assert.True(CommandLine.TryParse(["--user", "alice"], out var options, out _));
        Assert.Equal("alice", options.User);
    }

    [Fact]
    public void Without_the_flag_no_username_is_filled_in()
    {
        Assert.True(CommandLine.TryParse([], out var options, out _));
        Assert.Null(options.User);
        Assert.False(options.ShowVersion);
    }

    [Theory]
    [InlineData("--user")]
    [InlineData("--user", " ")]
    public void User_without_a_name_is_a_clear_error(params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out var problem));
        Assert.Equal("--user wants a username after it.", problem);
    }

    [Fact]
    public void Version_is_a_flag() =>
        Assert.True(CommandLine.TryParse(["--version"], out var options, out _) && options.ShowVersion);
}
