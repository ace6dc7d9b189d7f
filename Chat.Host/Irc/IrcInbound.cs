using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;
using Chat.Host.Transport;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// The read side of one IRC connection, paced by the same <see cref="InboundFlow"/> as a
/// chat-protocol connection (fakelag): lines over the allowance are held and handled later, in
/// order (other commands ahead of PRIVMSG and NOTICE), so a pasted block arrives whole, only
/// later. IRC has no retry hints, so a held line is simply handled when its turn comes, and while
/// the held lines are at their bound the socket is not read (<see cref="InboundFlowLimits.PauseReadWhenHeldFull"/>):
/// TCP slows a client that goes on sending, and nothing it sent is dropped. Likewise while the
/// connection's messages in flight (sent to the chat, not yet answered) are at their bound. Only
/// with no lines held at all (max-held-lines = 0) is a line over the allowance dropped with a
/// NOTICE, and a client that goes on sending then for long closed with "Excess Flood".
/// </summary>
/// <remarks>
/// Everything here runs under the connection's lock (<see cref="IrcConnection.Gate"/>), which the
/// reader, the release timer and the delivery actor's answers share, so lines are handled in the
/// order the flow lets them go.
/// </remarks>
internal sealed class IrcInbound : IPacedLines, IDisposable
{
    private readonly IrcConnection _irc;
    private readonly IrcCommands _commands;
    private readonly ConnectionOutbox _outbox;
    private readonly Queue<IrcLine> _heldMessages = new();
    private readonly Queue<IrcLine> _heldCommands = new();
    private InboundFlow _flow;
    private InboundFlowWaits _waits;
    private int _answeredAtOnce;
    private bool _cutOff;

    public IrcInbound(IrcConnection irc, InboundFlowLimits limits, ConnectionOutbox outbox)
    {
        _irc = irc;
        _commands = new IrcCommands(irc);
        _outbox = outbox;
        _flow = InboundFlow.Start(limits);
        irc.MessageAnswered = () => Run(new ChatLineAnswered(MonotonicClock.Now()), null);
    }

    /// <param name="connectionClosed">Fires when the connection ends: a reader paused at its bound stops waiting.</param>
    public Task ReadAsync(PipeReader input, int maxLineBytes, CancellationToken connectionClosed) =>
        PacedLineReader.ReadAsync(input, new LineFramer(maxLineBytes), this, connectionClosed);

    void IPacedLines.Arrive(LineStatus status, ReadOnlySequence<byte> line)
    {
        if (status == LineStatus.TooLong)
        {
            lock (_irc.Gate)
                _irc.Numeric("417", "Input line was too long");
        }
        else if (IrcLine.Parse(Encoding.UTF8.GetString(line)) is { } message)
        {
            ChatMetrics.FramesReceived.Add(1);
            Run(new LineArrives(KindOf(message), MonotonicClock.Now()), message);
        }
    }

    public void Dispose()
    {
        lock (_irc.Gate)
        {
            _cutOff = true;
            _waits.StopTimer();
        }
    }

    /// <summary>Messages are what the pacing is for; every other command overtakes held messages.</summary>
    private static LineKind KindOf(IrcLine line) => line.Command is "PRIVMSG" or "NOTICE" ? LineKind.Chat : LineKind.Request;

    public bool ReadPaused
    {
        get
        {
            lock (_irc.Gate)
                return _flow.StopsReading && !_cutOff;
        }
    }

    public Task WhileReadPausedAsync()
    {
        lock (_irc.Gate)
        {
            return _waits.WhileReadPausedAsync(_flow, _cutOff);
        }
    }

    private void Run(InboundCommand command, IrcLine? arriving)
    {
        lock (_irc.Gate)
        {
            if (_cutOff)
                return;
            foreach (var e in _flow.Decide(command))
            {
                _flow = _flow.Apply(e);
                Do(e, arriving);
            }
            // Messages that went nowhere (a 411, a line to NickServ) were answered as they were handled.
            while (_answeredAtOnce > 0 && !_cutOff)
            {
                _answeredAtOnce--;
                foreach (var e in _flow.Decide(new ChatLineAnswered(command.Now)))
                {
                    _flow = _flow.Apply(e);
                    Do(e, null);
                }
            }
            _waits.Settle(_flow, _cutOff, command.Now, static owner => ((IrcInbound)owner!).Run(new TimePasses(MonotonicClock.Now()), null), this);
        }
    }

    private void Do(InboundEvent e, IrcLine? arriving)
    {
        switch (e)
        {
            case LineForwarded forwarded:
                Handle(forwarded.Kind, arriving!);
                break;
            case LineHeld held:
                ChatMetrics.Held("connection");
                (held.Kind == LineKind.Chat ? _heldMessages : _heldCommands).Enqueue(arriving!);
                break;
            case HeldLineForwarded released:
                Handle(released.Kind, (released.Kind == LineKind.Chat ? _heldMessages : _heldCommands).Dequeue());
                break;
            case LineRefused:
                ChatMetrics.Flood("connection", disconnected: false);
                _irc.Notice($"Too many lines waiting; slow down. Dropped: {arriving!.Command} {arriving.Arg(0)}");
                break;
            case ClosedForFlooding:
                _cutOff = true;
                _heldMessages.Clear();
                _heldCommands.Clear();
                ChatMetrics.Flood("connection", disconnected: true);
                _irc.Emit(IrcLine.Of("ERROR", "Closing link: Excess Flood"));
                _outbox.Finish("flooding");
                _waits.EndReadPause();
                break;
        }
    }

    private void Handle(LineKind kind, IrcLine line)
    {
        // Counted as the chat door counts its lines: the flow has already taken this one in flight.
        if (kind == LineKind.Chat)
            ChatMetrics.InFlight(_flow.InFlight, _flow.Limits.MaxInFlight);
        var awaitsAnswer = _commands.Handle(line);
        if (kind == LineKind.Chat && !awaitsAnswer)
            _answeredAtOnce++;
    }
}
