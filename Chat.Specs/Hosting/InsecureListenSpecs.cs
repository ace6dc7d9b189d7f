using Chat.Host.Hosting;

namespace Chat.Specs.Hosting;

/// <summary>Plain TCP on a network address sends passwords in clear text: only on an explicit --insecure.</summary>
public class InsecureListenSpecs
{
    private static HostConfiguration Load(string listen, bool insecure = false, string overrides = "") =>
        HostConfiguration.Load(new ChatHostOptions { Listen = listen, Port = 0, DataDirectory = "unused", Insecure = insecure, ConfigOverrides = overrides });

    [Fact]
    public void A_network_address_without_tls_is_refused_with_the_way_out()
    {
        var refusal = Assert.Throws<ArgumentException>(() => Load("0.0.0.0"));

        Assert.Contains("--insecure", refusal.Message);
        Assert.Contains("chat.tls.certificate", refusal.Message);
    }

    [Theory]
    [InlineData("127.0.0.1", false, "")]
    [InlineData("::1", false, "")]
    [InlineData("0.0.0.0", true, "")]
    [InlineData("0.0.0.0", false, "chat.tls.certificate = \"host.pfx\"")]
    public void Loopback_tls_or_an_explicit_insecure_are_accepted(string listen, bool insecure, string overrides) =>
        Assert.Equal(listen, Load(listen, insecure, overrides).Listen.ToString());

    [Fact]
    public void The_flag_is_parsed_and_documented()
    {
        Assert.True(ChatHostOptions.Parse(["--listen", "0.0.0.0", "--insecure"], _ => null).Insecure);
        Assert.Contains("--insecure", ChatHostOptions.Usage);
    }
}
