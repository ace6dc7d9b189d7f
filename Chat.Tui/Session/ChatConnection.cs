using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>
/// One TCP link to the host: writes requests with fresh ids, matches replies to them by "re",
/// and hands every other frame (events) to <see cref="EventReceived"/>. Knows nothing of chat
/// state; the session decides what frames mean. It answers the host's idle probe ("ping") itself.
/// Every line it writes waits for the session's <see cref="SendAllowance"/>, and a rate_limited
/// from the host holds the allowance back.
/// </summary>
public sealed class ChatConnection : IAsyncDisposable
{
    /// <summary>Longer lines than this from the host are skipped; a roster of thousands still fits.</summary>
    private const int MaxLineBytes = 1024 * 1024;

    private readonly TcpClient _client;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly SendAllowance _allowance;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, Waiter> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private long _nextId;
    private int _closed;
    private Task _readLoop = Task.CompletedTask;

    private ChatConnection(TcpClient client, Stream stream, SendAllowance allowance)
    {
        _client = client;
        _stream = stream;
        _allowance = allowance;
        _reader = PipeReader.Create(stream);
        _writer = PipeWriter.Create(stream);
    }

    /// <summary>Frames that are not a reply to a request of ours: room messages, DMs, joins, ...</summary>
    public event Action<ServerFrame>? EventReceived;

    /// <summary>Raised once when the link ends, whoever ended it.</summary>
    public event Action? Closed;

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Connects; the caller subscribes to the events and then calls <see cref="Start"/>.</summary>
    /// <param name="allowance">The session's: the links of one session share it.</param>
    /// <param name="tls">TLS settings; null for plain TCP.</param>
    public static async Task<ChatConnection> OpenAsync(ServerAddress address, TimeSpan timeout, SendAllowance allowance, CancellationToken cancellationToken, ClientTls? tls = null)
    {
        var client = address.UnixSocket is null ? new TcpClient { NoDelay = true } : new TcpClient();
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(timeout);
            if (address.UnixSocket is { } path)
                await UnixSocketLink.ConnectAsync(client, path, connectTimeout.Token).ConfigureAwait(false);
            else
                await client.ConnectAsync(address.Host, address.Port, connectTimeout.Token).ConfigureAwait(false);
            if (tls is null)
                return new ChatConnection(client, client.GetStream(), allowance);
            var secure = new SslStream(client.GetStream());
            try
            {
                await secure.AuthenticateAsClientAsync(tls.For(address.Host), connectTimeout.Token).ConfigureAwait(false);
            }
            catch (AuthenticationException e)
            {
                throw new UntrustedHostException($"The host at {address.Host}:{address.Port} did not prove who it is over TLS ({e.Message}). For a self-signed host use --pin-cert FILE.", e);
            }
            return new ChatConnection(client, secure, allowance);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Start() => _readLoop = Task.Run(ReadLoopAsync);

    /// <summary>A request waiting for its reply; <see cref="OnArrival"/> runs on the read loop, in the order frames came.</summary>
    private sealed record Waiter(TaskCompletionSource<Reply> Reply, Action<Reply>? OnArrival);

    /// <summary>Sends a request and waits for the reply that carries its id.</summary>
    /// <param name="onArrival">
    /// Runs on the read loop as the reply is read, before any later frame is handed on, so that
    /// what a reply does is applied in the order the host sent it, among the events.
    /// </param>
    /// <exception cref="IOException">The link ended before the reply came.</exception>
    public async Task<Reply> RequestAsync(ClientFrame frame, TimeSpan timeout, CancellationToken cancellationToken = default, Action<Reply>? onArrival = null)
    {
        var id = RequestId.FromNumber(Interlocked.Increment(ref _nextId));
        var reply = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id.Value] = new Waiter(reply, onArrival);
        try
        {
            await SendAsync(frame with { Id = id }, cancellationToken).ConfigureAwait(false);
            return await reply.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new IOException($"the host did not answer \"{frame.GetType().Name}\" within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            _pending.TryRemove(id.Value, out _);
        }
    }

    private async Task SendAsync(ClientFrame frame, CancellationToken cancellationToken)
    {
        if (!IsOpen)
            throw new IOException("not connected");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Waited for under the lock, so lines keep the order they were sent in. The answer to
            // the host's probe goes at once (the host probes only after a silence, and closes a
            // link whose answer is late) but takes its token, so the lines after it still fit.
            if (_allowance.Reserve(MonotonicClock.Now()) is var wait && wait > TimeSpan.Zero && frame is not PingAnswer)
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            if (!IsOpen)
                throw new IOException("not connected");
            FrameCodec.Client.Encode(frame, _writer);
            var result = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted)
                throw new IOException("the host closed the connection");
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Close();
            throw new IOException("the connection to the host broke", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var framer = new LineFramer(MaxLineBytes);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (framer.TryReadLine(ref buffer, out var line) is var status && status != LineStatus.NeedMore)
                {
                    if (status == LineStatus.Line)
                        Dispatch(FrameCodec.Server.Decode(line));
                }
                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The link is gone; Close below says so once.
        }
        finally
        {
            Close();
        }
    }

    private void Dispatch(Decoded<ServerFrame> decoded)
    {
        // A frame we cannot read is the host speaking a newer dialect; skipping it keeps the session alive.
        if (decoded.Frame is not { } frame)
            return;
        if (frame is ErrorReply { Code: ErrorCodes.RateLimited } refused)
            _allowance.HoldOff(MonotonicClock.Now(), TimeSpan.FromMilliseconds(refused.RetryAfterMs ?? 1000));
        if (frame is PingProbe)
        {
            _ = AnswerProbeAsync();
            return;
        }
        if (frame is Reply { Re: { } re } reply && _pending.TryRemove(re.Value, out var waiter))
        {
            waiter.OnArrival?.Invoke(reply);
            waiter.Reply.TrySetResult(reply);
            return;
        }
        EventReceived?.Invoke(frame);
    }

    private async Task AnswerProbeAsync()
    {
        try
        {
            await SendAsync(new PingAnswer(), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The link is going; the read loop notices and says so.
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        _stop.Cancel();
        _stream.Dispose();
        _client.Dispose();
        foreach (var waiter in _pending.Values)
            waiter.Reply.TrySetException(new IOException("the connection to the host closed"));
        _pending.Clear();
        Closed?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
        }
        _stop.Dispose();
        // The write lock is not disposed: a line may still be waiting for its slot under it, and
        // releases it when it wakes to find the link closed.
    }
}
