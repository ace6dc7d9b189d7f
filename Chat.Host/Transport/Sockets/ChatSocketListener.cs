using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport.Sockets;

/// <summary>Accepts connections on one bound socket of a chat door (<see cref="ChatSocketTransport"/>).</summary>
internal sealed class ChatSocketListener(Socket listenSocket) : IConnectionListener
{
    public EndPoint EndPoint { get; } = listenSocket.LocalEndPoint!;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listenSocket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return null; // unbound
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                return null; // unbound
            }
            catch (SocketException)
            {
                continue; // the client went away before it was accepted
            }
            if (socket.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                socket.NoDelay = true;
            // Sends are tried at once on the writer's thread and only awaited when the socket's
            // buffer is full; a non-blocking socket says so instead of blocking the thread.
            socket.Blocking = false;
            return new ChatSocketConnection(socket);
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        listenSocket.Dispose();
        return default;
    }

    public ValueTask DisposeAsync()
    {
        listenSocket.Dispose();
        return default;
    }
}
