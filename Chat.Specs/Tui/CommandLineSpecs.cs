using Chat.Tui;
using Chat.Tui.Session;

namespace Chat.Specs.Tui;

public class CommandLineSpecs
{
    [Fact]
    public void Without_flags_the_client_talks_to_the_loopback_default()
    {
        Assert.True(CommandLine.TryParse([], out var options, out _));
        Assert.Equal(new ServerAddress("127.0.0.1", 7777), options.Server);
        Assert.False(options.ShowHelp);
    }

    [Theory]
    [InlineData("chat.example.test:9000", "chat.example.test", 9000)]
    [InlineData("10.1.2.3", "10.1.2.3", 7777)]
    [InlineData("[::1]:7001", "::1", 7001)]
    public void Server_takes_host_and_port(string text, string host, int port)
    {
        Assert.True(CommandLine.TryParse(["--server", text], out var options, out _));
        Assert.Equal(new ServerAddress(host, port), options.Server);
    }

    [Theory]
    [InlineData("--server")]
    [InlineData("--server", "host:notaport")]
    [InlineData("--server", "host:70000")]
    [InlineData("--colour")]
    public void Bad_arguments_are_explained(params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void Help_is_asked_for_with_help() =>
        Assert.True(CommandLine.TryParse(["--help"], out var options, out _) && options.ShowHelp);
}
