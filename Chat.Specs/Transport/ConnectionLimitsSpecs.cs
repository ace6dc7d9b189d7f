using System.Net;
using Chat.Host.Hosting;
using Chat.Host.Transport;

namespace Chat.Specs.Transport;

public sealed class ConnectionLimitsSpecs
{
    private static readonly IPAddress Far = IPAddress.Parse("192.0.2.7");

    [Fact]
    public void Each_address_gets_its_share_and_returns_it_on_close()
    {
        var limits = new ConnectionLimits(new TransportSettings { MaxConnections = 10, MaxConnectionsPerAddress = 2 });
        using var first = limits.TryAdmit(Far, out _);
        var second = limits.TryAdmit(IPAddress.Parse("::ffff:192.0.2.7"), out _);

        Assert.Null(limits.TryAdmit(Far, out var refusal));
        Assert.Contains("2 connections", refusal);
        Assert.NotNull(limits.TryAdmit(IPAddress.Parse("192.0.2.8"), out _));

        second!.Dispose();
        second.Dispose();
        Assert.NotNull(limits.TryAdmit(Far, out _));
    }

    [Fact]
    public void The_total_caps_everyone()
    {
        var limits = new ConnectionLimits(new TransportSettings { MaxConnections = 2, MaxConnectionsPerAddress = 2 });
        limits.TryAdmit(IPAddress.Parse("192.0.2.1"), out _);
        limits.TryAdmit(IPAddress.Parse("192.0.2.2"), out _);

        Assert.Null(limits.TryAdmit(IPAddress.Parse("192.0.2.3"), out _));
        Assert.Null(limits.TryAdmit(IPAddress.Loopback, out _));
    }

    [Fact]
    public void Loopback_is_not_one_address_unless_configured()
    {
        var shared = new ConnectionLimits(new TransportSettings { MaxConnections = 10, MaxConnectionsPerAddress = 1 });
        var counted = new ConnectionLimits(new TransportSettings { MaxConnections = 10, MaxConnectionsPerAddress = 1, CountLoopbackPerAddress = true });

        Assert.NotNull(shared.TryAdmit(IPAddress.Loopback, out _));
        Assert.NotNull(shared.TryAdmit(IPAddress.Loopback, out _));
        Assert.False(shared.CountsPerAddress(IPAddress.IPv6Loopback));
        Assert.NotNull(counted.TryAdmit(IPAddress.Loopback, out _));
        Assert.Null(counted.TryAdmit(IPAddress.Loopback, out _));
    }
}
