using Chat.Actors.Telemetry;
using System.Buffers;
using System.IO.Pipelines;
using Chat.Protocol;
using Chat.Actors.Delivery;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport;

/// <summary>
/// The bounded queue between the actors and one socket. The actor that enqueues a frame writes
/// it to the socket's pipe itself when no flush is in flight (a pipe flush under its pause
/// threshold completes at once), so a frame costs no extra thread-pool hop; frames that arrive
/// while a flush waits are queued and written by that flush's continuation, all at once, with one
/// flush. The bound is in bytes: a client that stops reading fills it and is cut off. A
/// connection closed for a reason it should hear gets a last "bye" frame, written before it ends.
/// Writers take turns under the outbox's own lock: nothing else locks on it, and a lock object
/// of its own would be one more allocation a connection.
/// </summary>
internal sealed class ConnectionOutbox(ConnectionContext connection, long maxQueuedBytes, TimeSpan drainTimeout, ILogger logger) : IConnectionOutput
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Queue<ReadOnlyMemory<byte>> _waiting = new();
    private Queue<ReadOnlyMemory<byte>> _spare = new();
    private PipeWriter? _output;
    private long _queuedBytes;
    // Whoever sets this owns the pipe writer until it clears it: writes never overlap.
    private bool _writing;
    private bool _completed;
    private int _closed;

    public bool TryWrite(ReadOnlyMemory<byte> frame)
    {
        lock (this)
        {
            // After the connection is gone the frame is dropped, and said to be: a DM is then not marked delivered.
            if (_completed)
                return false;
            if (_queuedBytes + frame.Length > maxQueuedBytes)
                return false;
            _queuedBytes += frame.Length;
            ChatMetrics.Queued(frame.Length);
            _waiting.Enqueue(frame);
            if (!TakeWriter())
                return true;
        }
        WriteWaiting();
        return true;
    }

    public void Close(string reason)
    {
        if (!MarkClosed(reason))
            return;
        Abandon();
        connection.Abort(new ConnectionAbortedException(reason));
    }

    public void Finish(string reason)
    {
        if (MarkClosed(reason))
            _ = EndOnceDrainedAsync(reason);
    }

    /// <summary>Tells the client why in a last "bye" frame, then closes once it is written.</summary>
    public void SayByeAndFinish(string code, string message)
    {
        TryWrite(FrameCodec.Server.Encode(new Bye(code, message)));
        Finish($"{code}: {message}");
    }

    private bool MarkClosed(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
            return false;
        logger.LogInformation("Closing connection {ConnectionId} from {Remote}: {Reason}", connection.ConnectionId, connection.RemoteEndPoint, reason);
        return true;
    }

    /// <summary>
    /// Once what is queued (the farewell) is written, stops the read side so the handler ends the
    /// connection; a client that does not read it within the drain timeout is cut off instead.
    /// </summary>
    private async Task EndOnceDrainedAsync(string reason)
    {
        Complete();
        if (await Task.WhenAny(_drained.Task, Task.Delay(drainTimeout)).ConfigureAwait(false) != _drained.Task)
        {
            connection.Abort(new ConnectionAbortedException(reason));
            return;
        }
        try
        {
            connection.Transport.Input.CancelPendingRead();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // The connection ended by itself meanwhile.
        }
    }

    /// <summary>
    /// The read side ended: what is queued gets the drain timeout to go out (the pump started by
    /// <see cref="PumpAsync"/> is <paramref name="pumping"/>), then a client that does not read it is cut off.
    /// </summary>
    public async Task EndAsync(Task pumping)
    {
        Complete();
        try
        {
            await pumping.WaitAsync(drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            connection.Abort(new ConnectionAbortedException("the client did not read its last frames"));
        }
    }

    /// <summary>No more frames will come; the pump ends once it has written what is queued.</summary>
    public void Complete()
    {
        lock (this)
        {
            _completed = true;
            if (_writing || _output is null)
                return;
        }
        _drained.TrySetResult();
    }

    /// <summary>Starts writing to the socket; completes when everything queued before <see cref="Complete"/> is written.</summary>
    public Task PumpAsync(PipeWriter output)
    {
        bool write;
        lock (this)
        {
            _output = output;
            write = TakeWriter() || (_completed && !_writing);
        }
        if (write)
            WriteWaiting();
        return _drained.Task;
    }

    /// <summary>Under the gate: claims the writer when there is something to write and nobody writing.</summary>
    private bool TakeWriter()
    {
        if (_writing || _output is null || _waiting.Count == 0)
            return false;
        _writing = true;
        return true;
    }

    private void WriteWaiting()
    {
        try
        {
            while (true)
            {
                Queue<ReadOnlyMemory<byte>> batch;
                lock (this)
                {
                    if (_waiting.Count == 0)
                    {
                        _writing = false;
                        if (_completed)
                            _drained.TrySetResult();
                        return;
                    }
                    batch = _waiting;
                    _waiting = _spare;
                    _spare = batch;
                }
                var written = 0L;
                while (batch.TryDequeue(out var frame))
                {
                    _output!.Write(frame.Span);
                    written += frame.Length;
                }
                lock (this)
                    _queuedBytes -= written;
                ChatMetrics.Dequeued(written);
                var flush = _output!.FlushAsync();
                if (!flush.IsCompletedSuccessfully)
                {
                    _ = ContinueAfterFlushAsync(flush);
                    return;
                }
                // A ValueTask may be read once only: a pipe's is pooled and reused after.
                var result = flush.Result;
                if (result.IsCompleted || result.IsCanceled)
                {
                    Abandon();
                    return;
                }
            }
        }
        catch (Exception e) when (IsPeerGone(e))
        {
            Abandon();
        }
    }

    private async Task ContinueAfterFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            var result = await flush.ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled)
            {
                Abandon();
                return;
            }
        }
        catch (Exception e) when (IsPeerGone(e))
        {
            Abandon();
            return;
        }
        WriteWaiting();
    }

    /// <summary>The peer went away (or we cut it off): drop what is queued; the read side ends the session.</summary>
    private void Abandon()
    {
        lock (this)
        {
            _completed = true;
            _waiting.Clear();
            ChatMetrics.Dequeued(_queuedBytes);
            _queuedBytes = 0;
        }
        _drained.TrySetResult();
    }

    private static bool IsPeerGone(Exception e) =>
        e is IOException or ConnectionAbortedException or ConnectionResetException or ObjectDisposedException or InvalidOperationException;
}
