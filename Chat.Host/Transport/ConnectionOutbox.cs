using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Chat.Actors.Protocol;
using Chat.Actors.Sessions;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport;

/// <summary>
/// The bounded queue between the actors and one socket. Actors enqueue without waiting; one pump
/// writes whatever is queued and flushes once per batch, so a burst costs one syscall, not one
/// per frame. The bound is in bytes: a client that stops reading fills it and is cut off.
/// </summary>
internal sealed class ConnectionOutbox(ConnectionContext connection, long maxQueuedBytes, TimeSpan drainTimeout, ILogger logger) : IConnectionOutput
{
    private readonly Channel<ReadOnlyMemory<byte>> _queue =
        Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private long _queuedBytes;
    private int _closed;
    private volatile bool _finishing;
    private volatile bool _pumped;

    public bool TryWrite(ReadOnlyMemory<byte> frame)
    {
        if (Interlocked.Add(ref _queuedBytes, frame.Length) > maxQueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -frame.Length);
            return false;
        }
        // After the connection is gone there is nobody to tell; the frame is simply dropped.
        if (!_queue.Writer.TryWrite(frame))
            Interlocked.Add(ref _queuedBytes, -frame.Length);
        return true;
    }

    public void Close(string reason)
    {
        if (MarkClosed(reason, finishing: false))
            connection.Abort(new ConnectionAbortedException(reason));
    }

    public void Finish(string reason)
    {
        if (MarkClosed(reason, finishing: true))
            _ = AbortIfStillWritingAsync(reason);
    }

    /// <summary>Tells the client why in a last "bye" frame, then closes once it is written.</summary>
    public void SayByeAndFinish(string code, string message)
    {
        TryWrite(FrameCodec.Server.Encode(new Bye(code, message)));
        Finish($"{code}: {message}");
    }

    private bool MarkClosed(string reason, bool finishing)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
            return false;
        logger.LogInformation("Closing connection {ConnectionId} from {Remote}: {Reason}", connection.ConnectionId, connection.RemoteEndPoint, reason);
        _finishing = finishing;
        _queue.Writer.TryComplete();
        return true;
    }

    /// <summary>A client that does not read its farewell does not get to hold the connection open.</summary>
    private async Task AbortIfStillWritingAsync(string reason)
    {
        await Task.Delay(drainTimeout).ConfigureAwait(false);
        if (!_pumped)
            connection.Abort(new ConnectionAbortedException(reason));
    }

    /// <summary>No more frames will come; the pump ends once it has written what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public async Task PumpAsync(PipeWriter output)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    output.Write(frame.Span);
                    Interlocked.Add(ref _queuedBytes, -frame.Length);
                }
                var flushed = await output.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                    return;
            }
            // Everything, the farewell included, is written: stop reading so the handler ends the connection.
            if (_finishing)
                connection.Transport.Input.CancelPendingRead();
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or ConnectionResetException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer went away while we wrote; the read side notices and ends the session.
        }
        finally
        {
            _pumped = true;
        }
    }
}
