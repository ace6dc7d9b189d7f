using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Chat.Protocol;

namespace Chat.Specs.Support;

/// <summary>
/// A loopback relay between clients and a host that keeps every frame going each way, so a spec
/// sees what a client was told whatever the client made of it. It can also cut every link at
/// once, as a network drop would, while the host stays up.
/// </summary>
/// <remarks>Its awaits are ConfigureAwait(false) for the reason given on <c>LiveHost</c>.</remarks>
public sealed class WireTap : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _host;
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<TappedLink> _links = [];

    /// <param name="port">The loopback port to listen on; 0 for any free one.</param>
    public WireTap(IPEndPoint host, int port = 0)
    {
        _host = host;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The links relayed so far, oldest first, each with what went over it.</summary>
    public IReadOnlyList<TappedLink> Links
    {
        get
        {
            lock (_links)
                return [.. _links];
        }
    }

    /// <summary>Every frame the host sent through the tap, on any link.</summary>
    public IEnumerable<ServerFrame> FromHost => Links.SelectMany(l => l.FromHost);

    /// <summary>Every frame a client sent through the tap, on any link.</summary>
    public IEnumerable<ClientFrame> FromClients => Links.SelectMany(l => l.FromClient);

    /// <summary>Closes every link, both sides; the tap goes on accepting new ones.</summary>
    public void CutAll()
    {
        foreach (var socket in _sockets.Keys)
            socket.Close();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var host = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _sockets[client] = 0;
        _sockets[host] = 0;
        var link = new TappedLink();
        lock (_links)
            _links.Add(link);
        try
        {
            await host.ConnectAsync(_host, _stop.Token).ConfigureAwait(false);
            var fromClient = PumpAsync(client, host, line => Keep(FrameCodec.Client.Decode(line).Frame, link.FromClient));
            var fromHost = PumpAsync(host, client, line => Keep(FrameCodec.Server.Decode(line).Frame, link.FromHost));
            // A side that closed cleanly was passed on as a FIN: wait for the other side to close
            // too, as it would without the tap. A side that broke ends the link at once.
            var first = await Task.WhenAny(fromClient, fromHost).ConfigureAwait(false);
            if (await first.ConfigureAwait(false))
                await (first == fromClient ? fromHost : fromClient).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _sockets.TryRemove(client, out _);
            _sockets.TryRemove(host, out _);
            client.Close();
            host.Close();
        }
    }

    private static void Keep<TFrame>(TFrame? frame, ConcurrentQueue<TFrame> frames) where TFrame : class
    {
        if (frame is not null)
            frames.Enqueue(frame);
    }

    /// <summary>
    /// Copies bytes as they come and hands each complete line to <paramref name="onLine"/>. When
    /// <paramref name="from"/> ends cleanly, ends <paramref name="to"/>'s sending side the same way
    /// (a FIN, after everything sent) and returns true; false when the link broke or was cut.
    /// </summary>
    /// <remarks>
    /// Closing a socket while a receive is pending on it makes .NET reset the connection, which
    /// throws away what is still queued to send: a "bye" just relayed would never arrive. A socket
    /// whose sending side was shut down first closes with a FIN, keeping it.
    /// </remarks>
    private async Task<bool> PumpAsync(Socket from, Socket to, Action<byte[]> onLine)
    {
        var buffer = new byte[16 * 1024];
        var partial = new List<byte>();
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return true;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b != (byte)'\n')
                    {
                        partial.Add(b);
                        continue;
                    }
                    onLine([.. partial]);
                    partial.Clear();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut, or the other side went.
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        CutAll();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }
}
