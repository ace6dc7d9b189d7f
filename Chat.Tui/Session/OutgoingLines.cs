using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>How far a run of chat lines has got: the status bar says "sending 12 of 20".</summary>
/// <param name="Answered">Lines of the run the host has answered.</param>
/// <param name="Total">Lines of the run, answered or not.</param>
/// <param name="HeldByHost">The host asked the client to wait (rate_limited) and the line goes again after the wait.</param>
public sealed record SendProgress(int Answered, int Total, bool HeldByHost)
{
    public override string ToString() =>
        $"sending {Math.Min(Answered + 1, Total)} of {Total}{(HeldByHost ? ", paced by the host" : "")}";
}

/// <summary>
/// The chat lines (say, dm) the user typed or pasted, on their way to the host: one at a time, in
/// the order typed, each sent when the one before it was answered. So a line the host refuses as
/// rate_limited can go again, after the retry_after_ms it was given, without any later line having
/// overtaken it: a pasted block arrives whole and in order, however the host paces it, and the user
/// sees how far it has got (<see cref="Progress"/>) instead of errors. One line in flight costs a
/// pasted block nothing the host's allowance would not (it lets a few lines a second through), and
/// a line typed alone goes at once. Everything here runs on the dispatcher, as every state change.
/// </summary>
public sealed class OutgoingLines(ChatState state, HostLink link, HostRequests requests)
{
    // Changes come through the dispatcher, but a spec (or a caller off the views' thread) may
    // submit while a reply is applied: the queue is kept under its own lock, and nothing is called
    // out of it while the lock is held.
    private readonly Lock _gate = new();
    private readonly Queue<Line> _waiting = new();
    private Line? _inFlight;
    private int _answered;
    private int _total;
    private bool _heldByHost;

    /// <summary>A line to send; <paramref name="OnAnswer"/> gets the host's answer, never rate_limited.</summary>
    private sealed record Line(ClientFrame Frame, Conversation Conversation, string Text, Action<Reply> OnAnswer);

    /// <summary>How far the lines on their way have got; null when none waits (a single line shows nothing unless the host holds it).</summary>
    public SendProgress? Progress
    {
        get
        {
            lock (_gate)
                return _inFlight is not null && (_total > 1 || _heldByHost) ? new SendProgress(_answered, _total, _heldByHost) : null;
        }
    }

    /// <summary>Sends a chat line after those before it; <paramref name="text"/> is what the user typed, for the report if it cannot go.</summary>
    public void Send(ClientFrame frame, string text, Action<Reply> onAnswer)
    {
        var conversation = state.Current;
        if (!link.IsConnected)
        {
            state.AddLocal(conversation, "Not sent: not connected to the host.");
            return;
        }
        Line? first;
        lock (_gate)
        {
            _waiting.Enqueue(new Line(frame, conversation, text, onAnswer));
            _total++;
            first = _inFlight is null ? _inFlight = _waiting.Dequeue() : null;
        }
        if (first is not null)
            Start(first);
        state.RaiseChanged();
    }

    private void Start(Line line) =>
        requests.Start(line.Frame, reply => Answered(line, reply), broken => Broken(line, broken));

    private void Answered(Line line, Reply reply)
    {
        Line? next;
        if (reply is ErrorReply { Code: ErrorCodes.RateLimited } refused)
        {
            lock (_gate)
            {
                if (line != _inFlight)
                    return;
                _heldByHost = true;
            }
            // A well-behaved client: wait as long as the host said, then the same line again.
            state.RaiseChanged();
            _ = RetryAfterAsync(line, TimeSpan.FromMilliseconds(Math.Max(0, refused.RetryAfterMs ?? 1000)));
            return;
        }
        lock (_gate)
        {
            if (line != _inFlight)
                return;
            _heldByHost = false;
            _answered++;
            next = _waiting.TryDequeue(out var waiting) ? waiting : null;
            if (next is null)
                EndRun();
            else
                _inFlight = next;
        }
        line.OnAnswer(reply);
        if (next is not null)
            Start(next);
        state.RaiseChanged();
    }

    private async Task RetryAfterAsync(Line line, TimeSpan wait)
    {
        await Task.Delay(wait).ConfigureAwait(false);
        link.Post(() =>
        {
            lock (_gate)
            {
                if (line != _inFlight)
                    return;
            }
            if (link.IsConnected)
                Start(line);
            else
                Broken(line, new IOException("not connected"));
        });
    }

    /// <summary>The link broke before the line was answered: it and every line behind it are reported, not lost silently.</summary>
    private void Broken(Line line, IOException broken)
    {
        List<Line> unsent;
        lock (_gate)
        {
            if (line != _inFlight)
                return;
            unsent = [line, .. _waiting];
            _waiting.Clear();
            EndRun();
        }
        foreach (var lost in unsent)
            state.AddLocal(lost.Conversation, $"Not sent ({broken.Message}): {HostWords.Shorten(lost.Text)}");
        state.RaiseChanged();
    }

    private void EndRun()
    {
        _inFlight = null;
        _answered = 0;
        _total = 0;
        _heldByHost = false;
    }
}
