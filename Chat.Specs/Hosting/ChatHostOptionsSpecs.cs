using Chat.Host.Hosting;

namespace Chat.Specs.Hosting;

public class ChatHostOptionsSpecs
{
    private static ChatHostOptions Parse(params string[] args) => ChatHostOptions.Parse(args, _ => null);

    [Fact]
    public void Flags_set_the_listen_address_port_data_and_extra_config()
    {
        var options = Parse("--listen", "0.0.0.0", "--port", "0", "--data", "/tmp/x", "--config", "extra.conf");

        Assert.Equal(("0.0.0.0", 0, "/tmp/x", "extra.conf"), (options.Listen, options.Port, options.DataDirectory, options.ConfigFile));
    }

    [Fact]
    public void Flags_win_over_the_environment()
    {
        var environment = new Dictionary<string, string> { ["CHAT_PORT"] = "9000", ["CHAT_DATA"] = "/env" };

        var options = ChatHostOptions.Parse(["--port", "9001"], environment.GetValueOrDefault);

        Assert.Equal((9001, "/env"), (options.Port, options.DataDirectory));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port")]
    [InlineData("--port", "seventy")]
    [InlineData("--port", "70000")]
    public void Bad_flags_are_errors_with_a_hint(params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => Parse(args));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Help_is_recognised()
    {
        Assert.True(Parse("--help").ShowHelp);
        Assert.Contains("--listen", ChatHostOptions.Usage);
    }

    [Fact]
    public void The_shipped_configuration_defaults_to_loopback_and_owasp_hashing()
    {
        var configuration = HostConfiguration.Load(new ChatHostOptions());

        Assert.Equal("127.0.0.1", configuration.Listen.ToString());
        Assert.Equal(7777, configuration.Port);
        Assert.Equal(16384, configuration.MaxLineBytes);
        Assert.Equal(600_000, configuration.Chat.PasswordIterations);
    }

    [Fact]
    public void A_config_file_is_layered_over_the_defaults_and_flags_over_both()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "chat { port = 8000, motd = \"from the file\" }");

            var configuration = HostConfiguration.Load(new ChatHostOptions { ConfigFile = file, Port = 8001 });

            Assert.Equal((8001, "from the file"), (configuration.Port, configuration.Chat.Motd));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
