using Chat.Protocol;
using Chat.Specs.Support;
using Chat.Specs.Tui.Session;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.EndToEnd;

/// <summary>The client against the hardened host: it answers idle probes, resumes after a host restart, and speaks TLS.</summary>
public sealed class ClientHardeningEndToEndSpecs
{
    private static ServerAddress AddressOf(TestHost host) => new("127.0.0.1", host.Endpoint.Port);

    [Fact]
    public async Task An_idle_client_answers_the_hosts_probes_and_stays_connected()
    {
        // Probes come often; an answer may take its time (at 200 ms, a client slowed that long on a
        // loaded machine answered too late, and the host closed the link: a second one came).
        await using var host = await LiveHost.StartAsync("chat.session { idle-probe-after = 100ms, probe-answer-within = 5s }");
        await using var alice = new ChatSession(host.Address, SessionFixture.FastRetry);
        Assert.Null(await alice.RegisterAsync("alice", "wonderland"));
        var link = Assert.Single(host.Links);

        // Three probes on the one link: a link whose answer was late is closed before the next probe.
        await Eventually.True(() => link.FromHost.OfType<PingProbe>().Count() >= 3, "three probe rounds");

        Assert.True(link.FromClient.OfType<PingAnswer>().Count() >= 2);
        Assert.Single(host.Links);
        Gated.Run(() =>
        {
            Assert.Equal(ConnectionStatus.Connected, alice.Status);
            Assert.DoesNotContain(alice.Lobby.Lines, l => l.Text.Contains("Lost the connection", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task A_host_that_shuts_down_is_announced_and_the_client_resumes_without_the_password_hash()
    {
        var port = LiveHost.FreePort();
        await using var first = await TestHost.StartAsync(port: port);
        await using var alice = new ChatSession(AddressOf(first), SessionFixture.FastRetry);
        Assert.Null(await alice.RegisterAsync("alice", "wonderland"));

        await first.StopAsync();
        await Eventually.True(() => alice.Lobby.Lines.Any(l => l.Text.Contains("shutting down", StringComparison.Ordinal)), "alice is told the host is going down");

        // A hashing cost no login could finish within the spec's patience: only the resume token can.
        await using var second = await TestHost.StartAsync(first.DataDirectory, "chat.auth.pbkdf2-iterations = 100000000", port: port);
        await Eventually.True(() => alice.Status == ConnectionStatus.Connected && alice.Lobby.Lines.Any(l => l.Text.StartsWith("Reconnected", StringComparison.Ordinal)), "alice is back");
    }

    [Fact]
    public async Task With_a_pinned_certificate_the_client_talks_tls_and_without_it_says_why_it_will_not()
    {
        using var files = new TempDirectory();
        var cert = SelfSignedCertificate.CreateIn(files.Path);
        await using var host = await TestHost.StartAsync(extraConfig: $$"""
            chat.tls { certificate = "{{cert.CertificatePem}}", key = "{{cert.KeyPem}}" }
            """);
        var address = new ServerAddress("localhost", host.Endpoint.Port);

        await using var pinned = new ChatSession(address, SessionFixture.FastRetry with { Tls = new ClientTls(cert.Certificate) });
        Assert.Null(await pinned.RegisterAsync("alice", "wonderland"));
        Assert.Equal(ConnectionStatus.Connected, Gated.Read(() => pinned.Status));

        await using var trusting = new ChatSession(address, SessionFixture.FastRetry with { Tls = new ClientTls() });
        var refused = await trusting.LogInAsync("alice", "wonderland");
        Assert.Contains("--pin-cert", refused);
    }
}
