using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Chat.Host.Transport.Sockets;

/// <summary>
/// A socket's write side as a <see cref="PipeWriter"/>, with no pipe or send loop behind it: what
/// is written collects in a pooled array, and a flush sends it on the flushing thread at once
/// (the socket is non-blocking). Only what the socket's buffer cannot take is awaited, and the
/// flush completes when it is sent: a writer (the connection's outbox) then holds its frames
/// in its own bounded queue, and a client that stops reading fills that queue and is cut off.
/// </summary>
/// <remarks>One writer at a time, as for any PipeWriter, and no write while a flush waits.</remarks>
internal sealed class SocketPipeWriter(Socket socket, ChatSocketConnection connection) : PipeWriter
{
    private const int MinimumSize = 4096;

    private byte[]? _buffer;
    private int _written;
    private Task _sending = Task.CompletedTask;
    private CancellationTokenSource? _cancelSource;
    private bool _completed;

    public override Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public override Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    public override void Advance(int bytes)
    {
        if (_buffer is null || bytes < 0 || _written + bytes > _buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(bytes), "advanced past what was asked for");
        _written += bytes;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (!_sending.IsCompleted)
            throw new InvalidOperationException("a flush is already waiting for the socket");
        var sent = 0;
        while (sent < _written)
        {
            var count = socket.Send(_buffer.AsSpan(sent, _written - sent), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                // The socket's buffer is full: the rest waits for the client to read (rare, so a Task is fine).
                var rest = SendRestAsync(sent, cancellationToken);
                _sending = rest;
                return new(rest);
            }
            if (error != SocketError.Success)
                return new(Failed());
            sent += count;
        }
        Sent();
        return new(new FlushResult(isCanceled: false, isCompleted: false));
    }

    public override void CancelPendingFlush() => Volatile.Read(ref _cancelSource)?.Cancel();

    public override void Complete(Exception? exception = null)
    {
        _completed = true;
        Release();
    }

    /// <summary>Completes when what a flush is waiting to send has gone (or the connection failed).</summary>
    public Task WhenSentAsync() => _sending;

    /// <summary>Gives the array back to the pool unless a flush is still sending from it.</summary>
    public void Release()
    {
        if (_sending.IsCompleted)
            Sent();
    }

    private async Task<FlushResult> SendRestAsync(int sent, CancellationToken cancellationToken)
    {
        var cancel = new CancellationTokenSource();
        Volatile.Write(ref _cancelSource, cancel);
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cancel.Token) : null;
        try
        {
            while (sent < _written)
                sent += await socket.SendAsync(_buffer.AsMemory(sent, _written - sent), SocketFlags.None, linked?.Token ?? cancel.Token).ConfigureAwait(false);
            Sent();
            return new FlushResult(isCanceled: false, isCompleted: false);
        }
        catch (OperationCanceledException) when (!_completed)
        {
            // What was not sent stays, for the next flush.
            Buffer.BlockCopy(_buffer!, sent, _buffer!, 0, _written - sent);
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
            if (_completed)
                Sent();
        }
    }

    /// <summary>Nothing left to send: the array goes back to the pool, so an idle connection holds none.</summary>
    private void Sent()
    {
        _written = 0;
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>The peer is gone or reset: as a pipe whose reader completed, the writer learns it from the flush.</summary>
    private FlushResult Failed()
    {
        Sent();
        connection.Abort(new Microsoft.AspNetCore.Connections.ConnectionAbortedException("the client's socket failed"));
        return new FlushResult(isCanceled: false, isCompleted: true);
    }

    private byte[] Reserve(int sizeHint)
    {
        if (!_sending.IsCompleted)
            throw new InvalidOperationException("a flush is waiting for the socket");
        var needed = _written + Math.Max(sizeHint, 1);
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(needed, MinimumSize));
        }
        else if (needed > _buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            Buffer.BlockCopy(_buffer, 0, grown, 0, _written);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
        return _buffer;
    }
}
