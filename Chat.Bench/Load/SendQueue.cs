using System.Diagnostics;
using System.Net.Sockets;

namespace Chat.Bench.Load;

/// <summary>
/// What one client has to send and the kernel has not taken yet. Adding to it never blocks:
/// the schedule that drives every sender must keep its times whatever one server socket does,
/// or a server that stops reading one sender would silently lower the load offered by all the
/// others (the generator would close the loop). Bytes go out in one send per wake-up; a send
/// the kernel cannot take at once continues on the thread pool while new lines pile up behind
/// it, without bound for the run's bounded length, so the offered load stays the offered load.
/// </summary>
internal sealed class SendQueue(Socket socket, Action<string> fail)
{
    private readonly object _gate = new();
    private byte[] _pending = new byte[1024];
    private int _pendingLength;
    private byte[] _inFlight = new byte[1024];
    private List<ScheduledLine> _pendingLines = [];
    private List<ScheduledLine> _inFlightLines = [];
    private bool _sending;
    private bool _closed;
    private long _maxLagTicks;

    /// <summary>Called when a scheduled line has been handed to the kernel, with its counter and lag behind its due time.</summary>
    public Action<long, long>? OnLineSent { get; set; }

    /// <summary>
    /// The most this sender fell behind its schedule since the last <see cref="TakeMaxLag"/>:
    /// from a line's due time to the moment the kernel took its last byte.
    /// </summary>
    public TimeSpan TakeMaxLag() => Stopwatch.GetElapsedTime(0, Interlocked.Exchange(ref _maxLagTicks, 0));

    /// <summary>How far behind schedule the oldest line still waiting is now; zero when nothing waits.</summary>
    public TimeSpan CurrentLag()
    {
        long oldestDue;
        lock (_gate)
        {
            if (_inFlightLines.Count > 0 && _sending)
                oldestDue = _inFlightLines[0].Due;
            else if (_pendingLines.Count > 0)
                oldestDue = _pendingLines[0].Due;
            else
                return TimeSpan.Zero;
        }
        return Stopwatch.GetElapsedTime(oldestDue);
    }

    /// <summary>Queues a protocol line (greeting, pong) that no schedule waits for.</summary>
    public void Add(ReadOnlySpan<byte> bytes) => Add(bytes, null);

    /// <summary>Queues a bench line due at <paramref name="due"/> (Stopwatch ticks); its send lag is reported.</summary>
    public void AddScheduled(ReadOnlySpan<byte> bytes, long counter, long due) => Add(bytes, new ScheduledLine(counter, due));

    public void Close()
    {
        lock (_gate)
            _closed = true;
    }

    private void Add(ReadOnlySpan<byte> bytes, ScheduledLine? line)
    {
        lock (_gate)
        {
            if (_closed)
                return;
            if (_pendingLength + bytes.Length > _pending.Length)
                Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + bytes.Length));
            bytes.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += bytes.Length;
            if (line is { } scheduled)
                _pendingLines.Add(scheduled);
            if (_sending)
                return;
            _sending = true;
        }
        // The first send runs here and usually completes at once (the kernel has room); only a
        // send that has to wait continues elsewhere, so the caller is never held up.
        _ = FlushAsync();
    }

    private async Task FlushAsync()
    {
        try
        {
            while (TakePending() is { } length)
            {
                var unsent = _inFlight.AsMemory(0, length);
                while (unsent.Length > 0)
                    unsent = unsent[await socket.SendAsync(unsent, SocketFlags.None)..];
                var sentAt = Stopwatch.GetTimestamp();
                foreach (var line in _inFlightLines)
                {
                    var lag = Math.Max(0, sentAt - line.Due);
                    if (lag > Volatile.Read(ref _maxLagTicks))
                        Volatile.Write(ref _maxLagTicks, lag);
                    OnLineSent?.Invoke(line.Counter, lag);
                }
                lock (_gate)
                    _inFlightLines.Clear();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Close();
            fail($"send failed: {e.Message}");
        }
    }

    /// <summary>Swaps what waits into the in-flight buffer; null (and no longer sending) when nothing waits.</summary>
    private int? TakePending()
    {
        lock (_gate)
        {
            if (_pendingLength == 0 || _closed)
            {
                _sending = false;
                return null;
            }
            (_pending, _inFlight) = (_inFlight, _pending);
            (_pendingLines, _inFlightLines) = (_inFlightLines, _pendingLines);
            var length = _pendingLength;
            _pendingLength = 0;
            return length;
        }
    }

    private readonly record struct ScheduledLine(long Counter, long Due);
}
