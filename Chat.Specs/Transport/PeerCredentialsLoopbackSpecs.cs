using System.Net;
using System.Net.Sockets;
using Chat.Host.Transport;

namespace Chat.Specs.Transport;

public class PeerCredentialsLoopbackSpecs
{
    [Fact]
    public async Task The_owner_of_a_loopback_client_socket_is_found_in_proc_net_tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var accepted = await listener.AcceptSocketAsync();

        var uid = await PeerCredentials.UidOfLoopbackPeerAsync((IPEndPoint)accepted.RemoteEndPoint!, (IPEndPoint)accepted.LocalEndPoint!);

        Assert.Equal((int)Getuid(), uid);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getuid")]
    private static extern uint Getuid();
}
