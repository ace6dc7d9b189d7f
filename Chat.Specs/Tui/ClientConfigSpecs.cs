using Chat.Specs.Support;
using Chat.Tui;
using Chat.Tui.Session;

namespace Chat.Specs.Tui;

public class ClientConfigSpecs
{
    [Fact]
    public void The_file_sets_server_user_theme_and_bell_and_says_which_lines_it_ignored()
    {
        var config = ClientConfig.Parse("""
            # my defaults
            server = chat.example.test:9000
            user = alice
            theme = mono
            bell = off
            colour = blue
            """, "client.conf", out var problems);

        Assert.Equal(new ClientConfig(new ServerAddress("chat.example.test", 9000), "alice", Color: false, Bell: false), config);
        Assert.StartsWith("client.conf:6: ignored \"colour = blue\"", Assert.Single(problems));
    }

    [Fact]
    public void The_server_key_takes_a_clusters_nodes_and_a_bad_list_is_named_with_what_is_wrong()
    {
        var good = ClientConfig.Parse("server = a.test:7001,b.test:7002\n", "client.conf", out var none);
        var bad = ClientConfig.Parse("server = a.test:7001,b.test:port\n", "client.conf", out var problems);

        Assert.Empty(none);
        Assert.Equal(["a.test:7001", "b.test:7002"], good.Server!.Addresses.Select(a => a.ToString()));
        Assert.Null(bad.Server);
        Assert.Equal("client.conf:1: ignored \"server = a.test:7001,b.test:port\": address number 2, \"b.test:port\", is not HOST:PORT (a port from 1 to 65535)", Assert.Single(problems));
    }

    [Fact]
    public void Flags_override_the_file()
    {
        var config = new ClientConfig(new ServerAddress("from.file", 7001));

        Assert.True(CommandLine.TryParse([], out var fromFile, out _, config));
        Assert.True(CommandLine.TryParse(["--server", "from.flag:7002"], out var fromFlag, out _, config));

        Assert.Equal(new ServerAddress("from.file", 7001), fromFile.Server);
        Assert.Equal(new ServerAddress("from.flag", 7002), fromFlag.Server);
    }

    [Fact]
    public void The_file_is_found_under_XDG_CONFIG_HOME()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "chat"));
        File.WriteAllText(Path.Combine(dir.Path, "chat", "client.conf"), "user = bob\n");

        var config = ClientConfig.Load(name => name == "XDG_CONFIG_HOME" ? dir.Path : null, out var problems);

        Assert.Equal("bob", config.User);
        Assert.Empty(problems);
    }

    [Fact]
    public void No_HOME_or_a_HOME_without_the_file_starts_with_the_defaults()
    {
        Assert.Equal(ClientConfig.None, ClientConfig.Load(_ => null, out _));
        Assert.Equal(ClientConfig.None, ClientConfig.Load(name => name == "HOME" ? "/nonexistent/home" : null, out var problems));
        Assert.Empty(problems);
        Assert.True(CommandLine.TryParse([], out var options, out _, ClientConfig.None));
        Assert.Equal(ServerAddress.Default, options.Server);
    }
}
