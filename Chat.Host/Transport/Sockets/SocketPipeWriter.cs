using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport.Sockets;

/// <summary>
/// A socket's write side as a <see cref="PipeWriter"/>, with no pipe or send loop behind it: what
/// is written collects in a pooled array, and a flush sends it on the flushing thread at once
/// (the socket is non-blocking). Only what the socket's buffer cannot take is awaited, and the
/// flush completes when it is sent: a writer (the connection's outbox) then holds its frames
/// in its own bounded queue, and a client that stops reading fills that queue and is cut off.
/// </summary>
/// <remarks>
/// One writer at a time, as for any PipeWriter, and no write while a flush waits. The connection
/// may be disposed while its writer is still busy (an outbox cut off after its drain timeout):
/// the array then goes back to the pool only if nobody can still be writing into it or sending
/// from it; otherwise it is dropped, and the writer's next call says the connection is closed.
/// </remarks>
internal sealed class SocketPipeWriter(Socket socket, ChatSocketConnection connection) : PipeWriter
{
    private const int MinimumSize = 4096;

    private static readonly Task<FlushResult> NothingSending = Task.FromResult(new FlushResult(isCanceled: false, isCompleted: false));

    private byte[]? _buffer;
    private int _written;
    private Task<FlushResult> _sending = NothingSending;
    private CancellationTokenSource? _cancelSource;
    // 1 while the writer's own thread uses the array: between a GetSpan/GetMemory and its Advance
    // (writing into it), and in a flush's sends (reading from it).
    private int _busy;
    private int _released; // 1 once the connection let go of the writer

    public override Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public override Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    public override void Advance(int bytes)
    {
        var buffer = Volatile.Read(ref _buffer);
        Interlocked.Exchange(ref _busy, 0);
        if (buffer is null)
            throw Closed();
        if (bytes < 0 || _written + bytes > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(bytes), "advanced past what was asked for");
        _written += bytes;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (!_sending.IsCompleted)
            throw new InvalidOperationException("a flush is already waiting for the socket");
        Interlocked.Exchange(ref _busy, 1);
        try
        {
            var buffer = Volatile.Read(ref _buffer);
            if (Volatile.Read(ref _released) == 1)
                return new(new FlushResult(isCanceled: false, isCompleted: true));
            var sent = 0;
            while (sent < _written)
            {
                var count = socket.Send(buffer.AsSpan(sent, _written - sent), SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    // The socket's buffer is full: the rest waits for the client to read (rare, so a Task is fine).
                    _sending = SendRestAsync(buffer!, sent, cancellationToken);
                    return new(_sending);
                }
                if (error != SocketError.Success)
                    return new(Failed());
                sent += count;
            }
            ReturnBuffer();
            return new(new FlushResult(isCanceled: false, isCompleted: false));
        }
        finally
        {
            Interlocked.Exchange(ref _busy, 0);
        }
    }

    public override void CancelPendingFlush() => Volatile.Read(ref _cancelSource)?.Cancel();

    public override void Complete(Exception? exception = null) => Release();

    /// <summary>Completes when what a flush is waiting to send has gone (or the connection failed).</summary>
    public Task WhenSentAsync() => _sending;

    /// <summary>
    /// The connection lets go of the writer: the array goes back to the pool unless a write or a
    /// send may still be using it (then it is dropped for the collector).
    /// </summary>
    public void Release()
    {
        Interlocked.Exchange(ref _released, 1);
        if (Volatile.Read(ref _busy) == 0 && _sending.IsCompleted)
            ReturnBuffer();
        else
            Volatile.Write(ref _buffer, null);
    }

    private async Task<FlushResult> SendRestAsync(byte[] buffer, int sent, CancellationToken cancellationToken)
    {
        var cancel = new CancellationTokenSource();
        Volatile.Write(ref _cancelSource, cancel);
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cancel.Token) : null;
        try
        {
            while (sent < _written)
                sent += await socket.SendAsync(buffer.AsMemory(sent, _written - sent), SocketFlags.None, linked?.Token ?? cancel.Token).ConfigureAwait(false);
            ReturnBuffer();
            return new FlushResult(isCanceled: false, isCompleted: false);
        }
        catch (OperationCanceledException) when (Volatile.Read(ref _released) == 0)
        {
            // What was not sent stays, for the next flush.
            Buffer.BlockCopy(buffer, sent, buffer, 0, _written - sent);
            _written -= sent;
            return new FlushResult(isCanceled: true, isCompleted: false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return Failed();
        }
        finally
        {
            Volatile.Write(ref _cancelSource, null);
        }
    }

    /// <summary>Nothing left to send: the array goes back to the pool, so an idle connection holds none.</summary>
    private void ReturnBuffer()
    {
        _written = 0;
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>The peer is gone or reset: as a pipe whose reader completed, the writer learns it from the flush.</summary>
    private FlushResult Failed()
    {
        ReturnBuffer();
        connection.Abort(new ConnectionAbortedException("the client's socket failed"));
        return new FlushResult(isCanceled: false, isCompleted: true);
    }

    private byte[] Reserve(int sizeHint)
    {
        if (!_sending.IsCompleted)
            throw new InvalidOperationException("a flush is waiting for the socket");
        // Marked before the release is checked (both full fences): a release either sees the mark
        // and leaves the array alone, or happened first and is seen here.
        Interlocked.Exchange(ref _busy, 1);
        if (Volatile.Read(ref _released) == 1)
        {
            Interlocked.Exchange(ref _busy, 0);
            throw Closed();
        }
        var needed = _written + Math.Max(sizeHint, 1);
        var buffer = _buffer;
        if (buffer is null)
        {
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(needed, MinimumSize));
        }
        else if (needed > buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
            Buffer.BlockCopy(buffer, 0, grown, 0, _written);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = grown;
        }
        _buffer = buffer;
        return buffer;
    }

    /// <summary>What a pipe whose connection ended throws: the outbox takes it for a peer that is gone.</summary>
    private static InvalidOperationException Closed() => new("the connection is closed");
}
