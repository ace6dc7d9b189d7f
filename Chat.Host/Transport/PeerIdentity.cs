using System.Net;
using System.Net.Sockets;
using Chat.Host.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Chat.Host.Transport;

/// <summary>
/// Who is at the other end of a connection, as far as the host can tell, and the key the
/// per-address limits count it under: "uid:1000" for a local Unix user (on the Unix socket, or on
/// loopback TCP when the kernel says who owns the client's socket), the address for a remote
/// client, null when it cannot be told apart from others (loopback with count-loopback-per-address off).
/// </summary>
public sealed record PeerIdentity(string? Key, int? UnixUid)
{
    public static readonly PeerIdentity Unknown = new(null, null);

    public static PeerIdentity OfUnixUser(int uid) => new($"uid:{uid}", uid);

    public static PeerIdentity OfAddress(IPAddress address) =>
        new((address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString(), null);

    public static async Task<PeerIdentity> OfAsync(ConnectionContext connection, TransportSettings settings)
    {
        if (connection.LocalEndPoint is UnixDomainSocketEndPoint)
        {
            var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
            // Unknown should not happen on Linux; elsewhere the socket's users share one cap.
            return socket is not null && PeerCredentials.UidOfUnixPeer(socket) is { } uid ? OfUnixUser(uid) : new PeerIdentity("unix", null);
        }
        if (connection.RemoteEndPoint is not IPEndPoint remote)
            return Unknown;
        if (!IPAddress.IsLoopback(remote.Address))
            return OfAddress(remote.Address);
        if (settings.IdentifyLoopbackPeers && connection.LocalEndPoint is IPEndPoint local
            && await PeerCredentials.UidOfLoopbackPeerAsync(remote, local).ConfigureAwait(false) is { } owner)
            return OfUnixUser(owner);
        return settings.CountLoopbackPerAddress ? OfAddress(remote.Address) : Unknown;
    }

    public override string ToString() => Key ?? "unidentified local peer";
}
