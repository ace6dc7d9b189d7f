using System.Security.Authentication;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>A listener given a certificate speaks TLS; clients check the host's name, or a pinned certificate for a self-signed host.</summary>
public sealed class TlsEndToEndSpecs : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static string Escape(string path) => path.Replace("\\", "\\\\");

    [Fact]
    public async Task A_pem_certificate_serves_the_chat_over_tls_to_a_client_that_pins_it()
    {
        var cert = SelfSignedCertificate.CreateIn(_files.Path);
        await using var host = await TestHost.StartAsync(extraConfig: $"""
            chat.tls {"{"} certificate = "{Escape(cert.CertificatePem)}", key = "{Escape(cert.KeyPem)}" {"}"}
            """);

        await using var client = await RawClient.ConnectTlsAsync(host.Endpoint, TlsClientOptions.For("localhost", TlsClientOptions.LoadPinned(cert.CertificatePem)));
        await client.HelloAsync();
        Assert.IsType<Ok>(await client.RequestAsync(new Register("alice", "password1")));
        Assert.IsType<Ok>(await client.RequestAsync(new Login("alice", "password1")));
        Assert.IsType<Ok>(await client.RequestAsync(new Say("lobby", "over tls")));
    }

    [Fact]
    public async Task A_pfx_certificate_works_too()
    {
        var cert = SelfSignedCertificate.CreateIn(_files.Path);
        await using var host = await TestHost.StartAsync(extraConfig: $"""
            chat.tls {"{"} certificate = "{Escape(cert.Pfx)}", password = "{SelfSignedCertificate.PfxPassword}" {"}"}
            """);

        await using var client = await RawClient.ConnectTlsAsync(host.Endpoint, TlsClientOptions.For("localhost", cert.Certificate));
        Assert.Equal(1, (await client.HelloAsync()).Protocol);
    }

    [Fact]
    public async Task Without_a_pin_an_untrusted_certificate_is_refused_and_a_pin_of_another_certificate_too()
    {
        var cert = SelfSignedCertificate.CreateIn(_files.Path);
        var other = SelfSignedCertificate.CreateIn(Directory.CreateDirectory(Path.Combine(_files.Path, "other")).FullName);
        await using var host = await TestHost.StartAsync(extraConfig: $"""
            chat.tls {"{"} certificate = "{Escape(cert.Pfx)}", password = "{SelfSignedCertificate.PfxPassword}" {"}"}
            """);

        await Assert.ThrowsAsync<AuthenticationException>(() => RawClient.ConnectTlsAsync(host.Endpoint, TlsClientOptions.For("localhost")));
        await Assert.ThrowsAsync<AuthenticationException>(() => RawClient.ConnectTlsAsync(host.Endpoint, TlsClientOptions.For("localhost", other.Certificate)));
    }

    [Fact]
    public async Task A_tls_listener_does_not_speak_plain_text()
    {
        var cert = SelfSignedCertificate.CreateIn(_files.Path);
        await using var host = await TestHost.StartAsync(extraConfig: $"""
            chat.tls {"{"} certificate = "{Escape(cert.Pfx)}", password = "{SelfSignedCertificate.PfxPassword}" {"}"}
            """);
        await using var plain = await host.ConnectAsync();

        await plain.SendLineAsync("""{"type":"hello","protocol":1}""");

        Assert.True(await plain.ClosedByHostAsync());
    }
}
