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

    [Fact]
    public void Server_takes_a_clusters_nodes_as_a_list()
    {
        Assert.True(CommandLine.TryParse(["--server", "10.0.0.1:7777,[::1]:7002"], out var options, out _));

        Assert.Equal([new ServerAddress("10.0.0.1", 7777), new ServerAddress("::1", 7002)], options.Server.Addresses);
    }

    [Fact]
    public void A_bad_list_is_refused_at_start_saying_which_address()
    {
        Assert.False(CommandLine.TryParse(["--server", "10.0.0.1:7777,10.0.0.2:x"], out _, out var problem));

        Assert.Equal("--server: address number 2, \"10.0.0.2:x\", is not HOST:PORT (a port from 1 to 65535).", problem);
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

    [Fact]
    public void Tls_is_asked_for_with_tls_and_a_pinned_certificate_implies_it()
    {
        using var files = new Support.TempDirectory();
        var cert = Support.SelfSignedCertificate.CreateIn(files.Path);

        Assert.True(CommandLine.TryParse(["--tls"], out var trusting, out _));
        Assert.True(CommandLine.TryParse(["--pin-cert", cert.CertificatePem], out var pinned, out _));
        Assert.True(CommandLine.TryParse([], out var plain, out _));

        Assert.Null(trusting.Tls!.PinnedCertificate);
        Assert.Equal(cert.Certificate.RawData, pinned.Tls!.PinnedCertificate!.RawData);
        Assert.Null(plain.Tls);
    }

    [Fact]
    public void A_pinned_certificate_that_cannot_be_read_is_explained()
    {
        Assert.False(CommandLine.TryParse(["--pin-cert", "/nonexistent/host.crt"], out _, out var problem));
        Assert.Contains("--pin-cert", problem);
        Assert.False(CommandLine.TryParse(["--pin-cert"], out _, out _));
    }
}
