using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Chat.Bench.Load;

/// <summary>
/// One simulated user: a socket, a receive loop that cuts lines in place and looks only for the
/// bench marker (no JSON parsing, no strings per message), and the last counter seen from each
/// sender for the order check. What it sends goes through a <see cref="SendQueue"/>, which never
/// blocks the schedule.
/// </summary>
/// <remarks>
/// The receive buffer starts small (10,000 idle clients need no megabytes each) and doubles
/// whenever a read fills it, up to <see cref="LargeBufferBytes"/>: a client that receives a lot
/// then takes everything the kernel holds in one call, so the cost per delivery is a scan of
/// the line, not a system call. Every line of one read is stamped with the time that read
/// returned: when it arrived, not when the scan reached it.
/// </remarks>
internal sealed class LoadClient : IDisposable
{
    private const int InitialBufferBytes = 8 * 1024;
    private const int LargeBufferBytes = 256 * 1024;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly IDialect _dialect;
    private readonly DeliveryTracker _tracker;
    private readonly long[] _lastCounterBySender;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SendQueue _sendQueue;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private string? _failure;
    private int _closed;

    public LoadClient(int index, string user, IDialect dialect, DeliveryTracker tracker, int senders)
    {
        Index = index;
        User = user;
        _dialect = dialect;
        _tracker = tracker;
        _lastCounterBySender = new long[Math.Max(senders, 1)];
        Array.Fill(_lastCounterBySender, -1);
        _sendQueue = new SendQueue(_socket, Fail) { OnLineSent = tracker.RecordSendLag };
    }

    public int Index { get; }
    public string User { get; }
    public bool IsClosed => Volatile.Read(ref _closed) == 1;
    public string? Failure => _failure;
    /// <summary>How the greeting logged this client in (or tried to).</summary>
    public LoginMethod? Login { get; private set; }

    public async Task ConnectAndJoinAsync(EndPoint server, string password, TimeSpan patience, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(server, cancellationToken);
        _ = ReceiveLoopAsync();
        var (greeting, login) = _dialect.Greeting(this, password);
        Login = login;
        Send(greeting);
        await _joined.Task.WaitAsync(patience, cancellationToken);
    }

    /// <summary>Queues a protocol line (greeting, keep-alive reply); never blocks.</summary>
    public void Send(ReadOnlySpan<byte> bytes) => _sendQueue.Add(bytes);

    /// <summary>Queues a bench message due at <paramref name="due"/>; never blocks, whatever the server does.</summary>
    public void SendScheduled(ReadOnlySpan<byte> bytes, long counter, long due) => _sendQueue.AddScheduled(bytes, counter, due);

    /// <summary>The sender's worst lag behind its schedule since the last call.</summary>
    public TimeSpan TakeMaxSendLag() => _sendQueue.TakeMaxLag();

    /// <summary>How far behind schedule this sender's oldest waiting line is now.</summary>
    public TimeSpan CurrentSendLag() => _sendQueue.CurrentLag();

    private async Task ReceiveLoopAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                var free = _buffer.Length - filled;
                var received = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None);
                if (received == 0)
                {
                    Fail("the server closed the connection");
                    return;
                }
                var arrived = Stopwatch.GetTimestamp();
                _tracker.NoteActivity(arrived);
                filled = ConsumeLines(filled + received, arrived);
                // A full read means more is waiting (or one line is longer than the buffer).
                if (received == free && (_buffer.Length < LargeBufferBytes || filled == _buffer.Length))
                    Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Fail($"receive failed: {e.Message}");
        }
    }

    /// <summary>Handles every complete line and moves the partial tail to the front; returns its length.</summary>
    private int ConsumeLines(int filled, long arrived)
    {
        var start = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
            if (newline < 0)
                break;
            OnLine(_buffer.AsSpan(start, newline), arrived);
            start += newline + 1;
        }
        var rest = filled - start;
        if (start > 0 && rest > 0)
            _buffer.AsSpan(start, rest).CopyTo(_buffer);
        return rest;
    }

    private void OnLine(ReadOnlySpan<byte> line, long arrived)
    {
        var at = _dialect.FindBenchText(line);
        if (at >= 0)
        {
            if (BenchText.TryRead(line[at..], out var sender, out var counter, out var scheduled))
                OnBenchMessage(sender, counter, scheduled, arrived);
            return;
        }
        if (_joined.Task.IsCompleted)
        {
            _dialect.OnOtherLine(line, this);
            return;
        }
        switch (_dialect.OnHandshakeLine(line, this))
        {
            case HandshakeStep.Joined:
                _joined.TrySetResult();
                break;
            case HandshakeStep.Failed:
                Fail($"handshake refused: {System.Text.Encoding.UTF8.GetString(line)}");
                break;
        }
    }

    private void OnBenchMessage(int sender, long counter, long scheduledTicks, long arrived)
    {
        var inOrder = true;
        if ((uint)sender < (uint)_lastCounterBySender.Length)
        {
            inOrder = counter > _lastCounterBySender[sender];
            if (inOrder)
                _lastCounterBySender[sender] = counter;
        }
        _tracker.Record(counter, arrived - scheduledTicks, inOrder);
    }

    /// <summary>Counted once, whether the receive loop or a send saw the end first.</summary>
    private void Fail(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
            return;
        _failure = reason;
        _sendQueue.Close();
        _joined.TrySetException(new IOException($"{User}: {reason}"));
        _tracker.NoteDisconnect();
    }

    public void Dispose()
    {
        Volatile.Write(ref _closed, 1);
        _sendQueue.Close();
        try
        {
            // No TIME_WAIT left behind: back-to-back runs of 10,000 connections would run out of ports.
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
        }
        _socket.Dispose();
    }
}
