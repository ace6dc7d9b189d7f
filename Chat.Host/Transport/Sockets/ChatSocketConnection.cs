using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Chat.Host.Transport.Sockets;

/// <summary>
/// One accepted socket of a chat door, as the connection Kestrel's connection layer and the
/// door's handler see: its input and output are the socket itself (<see cref="SocketPipeReader"/>,
/// <see cref="SocketPipeWriter"/>), not pipes fed by loops. <see cref="ConnectionContext.ConnectionClosed"/>
/// fires when the peer has finished sending or gone, when the connection is aborted, and when it is disposed.
/// </summary>
internal sealed class ChatSocketConnection : ConnectionContext, IDuplexPipe, IConnectionSocketFeature
{
    private static long s_lastId = DateTime.UtcNow.Ticks;

    private readonly CancellationTokenSource _closed = new();
    private readonly SocketPipeReader _input;
    private readonly SocketPipeWriter _output;
    private IDictionary<object, object?>? _items;
    private ConnectionAbortedException? _abortReason;
    private int _closedFired;
    private int _disposed;

    public ChatSocketConnection(Socket socket)
    {
        Socket = socket;
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
        ConnectionId = Interlocked.Increment(ref s_lastId).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        ConnectionClosed = _closed.Token;
        _input = new SocketPipeReader(socket, this);
        _output = new SocketPipeWriter(socket, this);
        Transport = this;
        Features.Set<IConnectionSocketFeature>(this);
    }

    public Socket Socket { get; }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new ConnectionFeatures();

    public override IDictionary<object, object?> Items
    {
        get => _items ??= new Dictionary<object, object?>();
        set => _items = value;
    }

    /// <summary>The socket's own pipe, until a middleware (TLS) puts its own in front.</summary>
    public override IDuplexPipe Transport { get; set; }

    PipeReader IDuplexPipe.Input => _input;

    PipeWriter IDuplexPipe.Output => _output;

    /// <summary>Whether the read side holds a pooled array (it should not while idle).</summary>
    internal bool HoldsReadBuffer => _input.HoldsBuffer;

    /// <summary>Why the connection was aborted, if it was: what a read or write that fails because of it throws.</summary>
    public ConnectionAbortedException? AbortReason => Volatile.Read(ref _abortReason);

    public override void Abort(ConnectionAbortedException abortReason)
    {
        Interlocked.CompareExchange(ref _abortReason, abortReason, null);
        // A reset, as Kestrel's socket transport aborts: the client must not take what was
        // half-sent when it was cut off (a frame's first part) for a line.
        try
        {
            Socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset or closed.
        }
        Socket.Dispose();
        FireClosed();
    }

    /// <summary>The peer finished sending, or the socket failed: what waits on the connection ending hears it.</summary>
    public void FireClosed()
    {
        if (Interlocked.Exchange(ref _closedFired, 1) == 0)
            // Not on the caller's thread: a reader or writer must not run what waits on the token inside its own call.
            ThreadPool.UnsafeQueueUserWorkItem(static source => source.Cancel(), _closed, preferLocal: false);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        // What the handler flushed last (a farewell) goes out before the socket closes; the
        // outbox bounds that wait with its drain timeout, and an abort ends it at once.
        await _output.WhenSentAsync().ConfigureAwait(false);
        CloseSocket();
        _input.Release();
        _output.Release();
        FireClosed();
    }

    /// <summary>A graceful close: what was sent is delivered, then the client reads the end.</summary>
    private void CloseSocket()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset or closed.
        }
        Socket.Dispose();
    }
}
