using System.Net.Sockets;

namespace Chat.Tui.Session;

/// <summary>Connects a client over the host's Unix domain socket, where the host learns which local user this is.</summary>
internal static class UnixSocketLink
{
    /// <summary>Puts a connected Unix socket in the TcpClient, so the rest of the connection code is the same for both.</summary>
    public static async Task ConnectAsync(TcpClient client, string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        client.Client.Dispose();
        client.Client = socket;
    }
}
