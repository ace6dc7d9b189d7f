using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport.Sockets;

/// <summary>
/// The sockets of the chat's doors (the chat protocol on TCP and the Unix socket, IRC), for
/// Kestrel: each connection reads and writes its socket directly (<see cref="ChatSocketConnection"/>)
/// instead of through Kestrel's socket transport, whose two pipes and receive and send loops cost
/// an idle connection about 2 KiB (docs/benchmarks.md, "Memory per connection"). The endpoints a
/// door listens on are claimed by reference when the host configures Kestrel; anything else (the
/// HTTP endpoint for health and metrics) keeps Kestrel's own transport.
/// </summary>
internal sealed class ChatSocketTransport : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    /// <summary>Kestrel's backlog.</summary>
    private const int Backlog = 512;

    private readonly HashSet<EndPoint> _claimed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Marks an endpoint as a chat door's: pass the same instance to Kestrel's Listen.</summary>
    public T Claim<T>(T endPoint) where T : EndPoint
    {
        lock (_claimed)
            _claimed.Add(endPoint);
        return endPoint;
    }

    public bool CanBind(EndPoint endpoint)
    {
        lock (_claimed)
            return _claimed.Contains(endpoint);
    }

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var socket = endpoint switch
        {
            UnixDomainSocketEndPoint => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
            IPEndPoint ip => new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp),
            _ => throw new NotSupportedException($"the chat's transport cannot listen on {endpoint}"),
        };
        try
        {
            if (endpoint is IPEndPoint { Address: var address } && address.Equals(IPAddress.IPv6Any))
                socket.DualMode = true;
            socket.Bind(endpoint);
            socket.Listen(Backlog);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new AddressInUseException(e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new(new ChatSocketListener(socket));
    }
}
