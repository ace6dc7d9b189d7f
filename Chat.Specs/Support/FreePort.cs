using System.Net;
using System.Net.Sockets;

namespace Chat.Specs.Support;

/// <summary>A loopback port nobody listens on right now, for a listener that takes a fixed port.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
