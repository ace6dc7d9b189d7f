using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Chat.Bench.Load;

/// <summary>
/// One simulated user: a socket, a receive loop that cuts lines in place and looks only for the
/// bench marker (no JSON parsing, no strings per message), and the last counter seen from each
/// sender for the order check.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private const int InitialBufferBytes = 4096;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly IDialect _dialect;
    private readonly DeliveryTracker _tracker;
    private readonly long[] _lastCounterBySender;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _sendLock = new();
    private byte[] _buffer = new byte[InitialBufferBytes];
    private string? _failure;

    public LoadClient(int index, string user, IDialect dialect, DeliveryTracker tracker, int senders)
    {
        Index = index;
        User = user;
        _dialect = dialect;
        _tracker = tracker;
        _lastCounterBySender = new long[Math.Max(senders, 1)];
        Array.Fill(_lastCounterBySender, -1);
    }

    public int Index { get; }
    public string User { get; }
    public bool IsClosed { get; private set; }
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

    /// <summary>Sends from the schedule's thread or the receive loop (keep-alive replies), never both at once.</summary>
    public void Send(ReadOnlySpan<byte> bytes)
    {
        if (IsClosed)
            return;
        try
        {
            lock (_sendLock)
                while (bytes.Length > 0)
                    bytes = bytes[_socket.Send(bytes)..];
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Fail($"send failed: {e.Message}");
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == _buffer.Length)
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                var received = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None);
                if (received == 0)
                {
                    Fail("the server closed the connection");
                    return;
                }
                _tracker.NoteActivity();
                filled = ConsumeLines(filled + received);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Fail($"receive failed: {e.Message}");
        }
    }

    /// <summary>Handles every complete line and moves the partial tail to the front; returns its length.</summary>
    private int ConsumeLines(int filled)
    {
        var start = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
            if (newline < 0)
                break;
            OnLine(_buffer.AsSpan(start, newline));
            start += newline + 1;
        }
        var rest = filled - start;
        if (start > 0 && rest > 0)
            _buffer.AsSpan(start, rest).CopyTo(_buffer);
        return rest;
    }

    private void OnLine(ReadOnlySpan<byte> line)
    {
        var at = _dialect.FindBenchText(line);
        if (at >= 0)
        {
            if (BenchText.TryRead(line[at..], out var sender, out var counter, out var scheduled))
                OnBenchMessage(sender, counter, scheduled);
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

    private void OnBenchMessage(int sender, long counter, long scheduledTicks)
    {
        var now = Stopwatch.GetTimestamp();
        var inOrder = true;
        if ((uint)sender < (uint)_lastCounterBySender.Length)
        {
            inOrder = counter > _lastCounterBySender[sender];
            if (inOrder)
                _lastCounterBySender[sender] = counter;
        }
        _tracker.Record(counter, now - scheduledTicks, inOrder);
    }

    private void Fail(string reason)
    {
        if (IsClosed)
            return;
        IsClosed = true;
        _failure = reason;
        _joined.TrySetException(new IOException($"{User}: {reason}"));
        _tracker.NoteDisconnect();
    }

    public void Dispose()
    {
        IsClosed = true;
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
