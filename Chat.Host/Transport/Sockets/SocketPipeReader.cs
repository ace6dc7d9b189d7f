using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport.Sockets;

/// <summary>
/// A socket's read side as a <see cref="PipeReader"/>, with no pipe behind it: the bytes not yet
/// consumed sit in one pooled array, which goes back to the pool as soon as everything in it is
/// consumed, and while nothing is buffered the socket is waited on with a zero-byte receive. So an
/// idle connection holds no buffer, and a read costs no hop through a receive loop: the socket is
/// read in the reader's own call, only when the reader asks (a reader at its in-flight bound does
/// not ask, and TCP slows the sender down).
/// </summary>
/// <remarks>One reader at a time, as for any PipeReader; only <see cref="CancelPendingRead"/> may come from another thread.</remarks>
internal sealed class SocketPipeReader(Socket socket, ChatSocketConnection connection) : PipeReader
{
    /// <summary>The pool's 4 KiB arrays: a line longer than what is free makes the array grow.</summary>
    private const int ReadSize = 4096;

    private byte[]? _buffer;
    private int _start; // the first byte not consumed
    private int _end; // the end of what was received
    private bool _examinedAll = true; // a read must wait for new bytes
    private bool _ended; // the peer finished sending
    private bool _completed;
    private int _cancelRequested;
    private CancellationTokenSource? _cancelSource;
    private volatile bool _receiving; // a receive into the array is under way

    /// <summary>Whether a pooled array is held (none while nothing is buffered).</summary>
    public bool HoldsBuffer => _buffer is not null;

    private ReadOnlySequence<byte> Buffered =>
        _buffer is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_buffer, _start, _end - _start);

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        return TryRead(out var result) ? new(result) : ReceiveAsync(cancellationToken);
    }

    public override bool TryRead(out ReadResult result)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (Interlocked.Exchange(ref _cancelRequested, 0) == 1)
        {
            result = new ReadResult(Buffered, isCanceled: true, isCompleted: false);
            return true;
        }
        if (_ended || (!_examinedAll && _end > _start))
        {
            result = new ReadResult(Buffered, isCanceled: false, isCompleted: _ended);
            return true;
        }
        result = default;
        return false;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_buffer is null)
        {
            _examinedAll = true;
            return;
        }
        if (consumed.GetObject() is { } owner && !ReferenceEquals(owner, _buffer))
            throw new InvalidOperationException("the position is not from the last read");
        _start = consumed.GetInteger();
        _examinedAll = examined.GetInteger() >= _end;
        if (_start == _end)
            ReturnBuffer();
    }

    public override void CancelPendingRead()
    {
        Interlocked.Exchange(ref _cancelRequested, 1);
        Volatile.Read(ref _cancelSource)?.Cancel();
    }

    public override void Complete(Exception? exception = null)
    {
        _completed = true;
        Release();
    }

    /// <summary>
    /// The connection lets go of the reader: the array goes back to the pool, unless a receive
    /// into it may still be under way (a TLS stream's read-ahead when the connection ends), which
    /// could write into it after another connection took it; then it is dropped for the collector.
    /// </summary>
    public void Release()
    {
        if (_receiving)
            Interlocked.Exchange(ref _buffer, null);
        else
            ReturnBuffer();
    }

    /// <summary>Nothing buffered: the array goes back to the pool, so an idle connection holds none.</summary>
    private void ReturnBuffer()
    {
        _start = _end = 0;
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        var cancel = Volatile.Read(ref _cancelSource);
        if (cancel is null || cancel.IsCancellationRequested)
        {
            // A source cancelled by a cancel that found no read waiting would end this one at once.
            cancel = new CancellationTokenSource();
            Volatile.Write(ref _cancelSource, cancel);
        }
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cancel.Token) : null;
        var token = linked?.Token ?? cancel.Token;
        try
        {
            while (true)
            {
                // Checked after the cancel source is in place: a cancel either finds it or is seen here.
                if (Interlocked.Exchange(ref _cancelRequested, 0) == 1)
                    return new ReadResult(Buffered, isCanceled: true, isCompleted: false);
                if (_start == _end)
                {
                    // Nothing held: wait for bytes without a buffer.
                    ReturnBuffer();
                    await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, token).ConfigureAwait(false);
                }
                var free = FreeSpace();
                var received = socket.Receive(free.Span, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    if (_start == _end)
                        continue; // woken without bytes: wait again
                    _receiving = true;
                    try
                    {
                        received = await socket.ReceiveAsync(free, SocketFlags.None, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        _receiving = false;
                    }
                }
                else if (error != SocketError.Success)
                {
                    throw new SocketException((int)error);
                }
                if (received == 0)
                {
                    _ended = true;
                    connection.FireClosed();
                }
                _end += received;
                _examinedAll = false;
                return new ReadResult(Buffered, isCanceled: false, isCompleted: _ended);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // CancelPendingRead: the next read makes a fresh source.
            Interlocked.Exchange(ref _cancelRequested, 0);
            return new ReadResult(Buffered, isCanceled: true, isCompleted: false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            connection.FireClosed();
            throw Gone(e);
        }
    }

    /// <summary>Room after what is buffered: an array from the pool, moved down or grown when full.</summary>
    private Memory<byte> FreeSpace()
    {
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
            _start = _end = 0;
        }
        else if (_end == _buffer.Length && _start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        else if (_end == _buffer.Length)
        {
            // A line longer than the array: the framer bounds how long it can get before it is skipped.
            var grown = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, grown, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
        return _buffer.AsMemory(_end);
    }

    private Exception Gone(Exception e) =>
        connection.AbortReason is { } aborted ? aborted
        : e is SocketException { SocketErrorCode: SocketError.ConnectionReset } ? new ConnectionResetException(e.Message, e)
        : new ConnectionAbortedException(e.Message, e);
}
