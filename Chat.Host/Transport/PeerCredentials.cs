using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Chat.Host.Transport;

/// <summary>
/// Which local Unix user is at the other end of a connection, from the kernel: SO_PEERCRED on a
/// Unix domain socket, and on loopback TCP the owner of the client's socket in /proc/net/tcp (or
/// tcp6). Linux only; elsewhere, or when the kernel does not say, null.
/// </summary>
public static class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The uid the kernel recorded for the peer of a Unix domain socket (struct ucred { pid, uid, gid }).</summary>
    public static int? UidOfUnixPeer(Socket socket)
    {
        if (!OperatingSystem.IsLinux() || socket.AddressFamily != AddressFamily.Unix)
            return null;
        Span<byte> credentials = stackalloc byte[12];
        try
        {
            return socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) >= 12
                ? (int)BinaryPrimitives.ReadUInt32LittleEndian(credentials[4..8])
                : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>
    /// The uid owning the client end of a loopback TCP connection: the row of /proc/net/tcp whose
    /// local address is the client's and remote address is ours. A dual-stack client socket (what
    /// .NET's TcpClient makes) is listed in tcp6 with IPv4-mapped addresses, even when our side is IPv4.
    /// </summary>
    public static async Task<int?> UidOfLoopbackPeerAsync(IPEndPoint client, IPEndPoint server, string procNet = "/proc/net")
    {
        if (!OperatingSystem.IsLinux())
            return null;
        return client.AddressFamily == AddressFamily.InterNetwork
            ? await FindAsync(Path.Combine(procNet, "tcp"), client, server).ConfigureAwait(false)
                ?? await FindAsync(Path.Combine(procNet, "tcp6"), Mapped(client), Mapped(server)).ConfigureAwait(false)
            : await FindAsync(Path.Combine(procNet, "tcp6"), client, server).ConfigureAwait(false);
    }

    private static IPEndPoint Mapped(IPEndPoint endpoint) => new(endpoint.Address.MapToIPv6(), endpoint.Port);

    private static async Task<int?> FindAsync(string table, IPEndPoint client, IPEndPoint server)
    {
        var wantedLocal = ProcAddress(client);
        var wantedRemote = ProcAddress(server);
        try
        {
            // procfs files report size 0 and are generated as read: read them plainly, off the caller's thread.
            var lines = await Task.Run(() => File.ReadAllLines(table)).ConfigureAwait(false);
            foreach (var line in lines)
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 7 && fields[1] == wantedLocal && fields[2] == wantedRemote
                    && int.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
                    return uid;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No such table (IPv6 off) or not readable: the peer stays unidentified.
        }
        return null;
    }

    /// <summary>How the kernel prints an endpoint there: each 32-bit word of the address as a host-order hex number, then the port.</summary>
    public static string ProcAddress(IPEndPoint endpoint)
    {
        var bytes = endpoint.Address.GetAddressBytes();
        var words = string.Concat(Enumerable.Range(0, bytes.Length / 4)
            .Select(i => BitConverter.ToUInt32(bytes, i * 4).ToString("X8", CultureInfo.InvariantCulture)));
        return $"{words}:{endpoint.Port:X4}";
    }
}
