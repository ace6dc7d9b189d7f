using Chat.Actors;
using Chat.Actors.Accounts;
using Chat.Actors.Sessions;
using Chat.Host.Hosting;

namespace Chat.Specs.Hosting;

/// <summary>Every hardening limit comes from hocon/host.conf, whose commented defaults are the code's defaults.</summary>
public sealed class LimitsConfigurationSpecs
{
    [Fact]
    public void The_shipped_host_conf_gives_the_documented_defaults()
    {
        var configuration = HostConfiguration.Load(new ChatHostOptions());

        Assert.Equal(new SessionLimits(), configuration.Chat.Session);
        Assert.Equal(new LoginLimits(), configuration.Chat.Login);
        Assert.Equal(new TransportSettings(), configuration.Transport with { UnixSocketPath = "" });
        Assert.Equal(configuration.DataDirectory + ".sock", configuration.Transport.UnixSocketPath);
        Assert.Equal(new HashQueueLimits(), configuration.Chat.HashQueue);
        Assert.Equal(new ChatSettings().MaxReplyBytes, configuration.Chat.MaxReplyBytes);
        Assert.Equal(Chat.Actors.Delivery.FanOutPacing.From(new ChatSettings()), Chat.Actors.Delivery.FanOutPacing.From(configuration.Chat));
        Assert.Equal(new Chat.Host.Storage.StoreLimits(), configuration.StoreLimits);
    }

    [Fact]
    public void A_fan_out_slice_of_no_members_is_refused_with_the_setting_named()
    {
        var refusal = Assert.Throws<ArgumentException>(() => HostConfiguration.Load(new ChatHostOptions { ConfigOverrides = "chat.rooms.fan-out-slice-members = 0" }));

        Assert.Contains("chat.rooms.fan-out-slice-members is 0", refusal.Message);
    }

    [Fact]
    public void Each_limit_can_be_overridden()
    {
        var configuration = HostConfiguration.Load(new ChatHostOptions
        {
            ConfigOverrides = """
                chat.session.flood { burst = 3, lines-per-second = 0.5, strikes-before-disconnect = 4 }
                chat.session { login-timeout = 5s, idle-probe-after = 7s, probe-answer-within = 8s }
                chat.auth.failed-logins { free = 1, first-delay = 2s, max-delay = 9s, forget-after = 1h }
                chat.auth.registrations-per-address { burst = 6, per-hour = 7 }
                chat.auth.resume-token-lifetime = 1d
                chat.connections { max-total = 11, max-per-address = 12, count-loopback-per-address = on }
                chat.connections { identify-loopback-peers = off, max-anonymous-per-peer = 13, max-per-account = 14 }
                chat.unix-socket { path = "/run/chat/chat.sock", mode = "0660" }
                chat.auth.hash-queue { max-queued = 15, max-per-peer = 16, max-per-account = 17, retry-after = 3s }
                chat.protocol.drain-timeout = 1s
                chat.tls { certificate = "c.pem", key = "k.pem", password = "pw" }
                """,
        });

        Assert.Equal(new SessionLimits
        {
            FloodBurst = 3, FloodLinesPerSecond = 0.5, FloodStrikesBeforeDisconnect = 4,
            LoginTimeout = TimeSpan.FromSeconds(5), IdleProbeAfter = TimeSpan.FromSeconds(7), ProbeAnswerWithin = TimeSpan.FromSeconds(8),
        }, configuration.Chat.Session);
        Assert.Equal(new LoginLimits
        {
            FreeFailures = 1, FirstDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(9), ForgetAfter = TimeSpan.FromHours(1),
            RegistrationBurst = 6, RegistrationsPerHour = 7, ResumeTokenLifetime = TimeSpan.FromDays(1),
        }, configuration.Chat.Login);
        Assert.Equal(new TransportSettings
        {
            MaxConnections = 11, MaxConnectionsPerAddress = 12, CountLoopbackPerAddress = true, DrainTimeout = TimeSpan.FromSeconds(1),
            TlsCertificate = "c.pem", TlsKey = "k.pem", TlsPassword = "pw",
            IdentifyLoopbackPeers = false, MaxAnonymousPerPeer = 13, MaxConnectionsPerAccount = 14,
            UnixSocketPath = "/run/chat/chat.sock", UnixSocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
        }, configuration.Transport);
        Assert.Equal(new HashQueueLimits { MaxQueued = 15, MaxPerPeer = 16, MaxPerAccount = 17, RetryAfter = TimeSpan.FromSeconds(3) }, configuration.Chat.HashQueue);
    }
}
