using System.Buffers;
using System.IO.Pipelines;
using Akka.Actor;
using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;
using Chat.Protocol;

namespace Chat.Host.Transport;

/// <summary>
/// The read side of one connection: lines cut by the framer, decoded, and told to the session
/// at the pace the connection's <see cref="InboundFlow"/> sets. Lines over the allowance are held
/// and told later, in order (requests ahead of chat lines); a line that finds the held queue full
/// is answered rate_limited; a sender that keeps ignoring the retry hints is told "bye". While the
/// connection's chat lines in flight (told, not yet answered) are at their bound, the socket is
/// not read at all: TCP then slows the sender down, and nothing of it piles up in the host.
/// </summary>
/// <remarks>
/// The reader loop, the timer that lets held lines go and the session's answers all change the
/// flow; they take turns under the object's own lock (nothing else locks on it; a lock object
/// of its own would be one more allocation a connection), inside which frames are told to the
/// session, so the session hears them in the order the flow let them go.
/// </remarks>
internal sealed class InboundFrames : IChatLineAnswers, IPacedLines, IDisposable
{
    private readonly LineFramer _framer;
    private readonly IActorRef _session;
    private readonly ConnectionOutbox _outbox;
    // Made at the first line held or sent: an idle connection carries none of them.
    private Queue<(object Frame, RequestId? Id)>? _heldChatLines;
    private Queue<object>? _heldRequests;
    // The ids of the chat lines in flight (at most the bound): an answer with one of them frees its slot.
    private List<RequestId?>? _inFlight;
    private InboundFlow _flow;
    private InboundFlowWaits _waits;
    private bool _cutOff;

    public InboundFrames(LineFramer framer, InboundFlowLimits limits, IActorRef session, ConnectionOutbox outbox)
    {
        _framer = framer;
        _session = session;
        _outbox = outbox;
        _flow = InboundFlow.Start(limits);
    }

    /// <param name="connectionClosed">Fires when the connection ends: a reader paused at its bound stops waiting for answers that may never come.</param>
    public Task ReadAsync(PipeReader input, CancellationToken connectionClosed) => PacedLineReader.ReadAsync(input, _framer, this, connectionClosed);

    void IPacedLines.Arrive(LineStatus status, ReadOnlySequence<byte> line)
    {
        if (status == LineStatus.TooLong)
            Arrive(new FrameRejected(ErrorCodes.FrameTooLong, $"a line may have at most {_framer.MaxLineBytes} bytes", null), null);
        else if (FrameCodec.Client.Decode(line) is { IsBlank: false } decoded)
            Arrive(decoded.Frame ?? (object)new FrameRejected(decoded.ErrorCode!, decoded.ErrorMessage!, decoded.Id), decoded.Id);
    }

    /// <summary>The session sent an answer: if it answers a chat line in flight, the next one may go on.</summary>
    public void Answered(RequestId? re)
    {
        lock (this)
        {
            var index = _inFlight?.IndexOf(re) ?? -1;
            if (index < 0)
                return;
            _inFlight!.RemoveAt(index);
            Run(new ChatLineAnswered(MonotonicClock.Now()), null);
        }
    }

    /// <summary>The connection ended: nothing more is told or timed (answers may still come from the session).</summary>
    public void Dispose()
    {
        lock (this)
        {
            _cutOff = true;
            _waits.StopTimer();
        }
    }

    public bool ReadPaused
    {
        get
        {
            lock (this)
                return _flow.StopsReading && !_cutOff;
        }
    }

    public Task WhileReadPausedAsync()
    {
        lock (this)
        {
            return _waits.WhileReadPausedAsync(_flow, _cutOff);
        }
    }

    private void Arrive(object frameOrRejection, RequestId? id)
    {
        ChatMetrics.CountReceived(frameOrRejection);
        var kind = frameOrRejection is Say or SendDirect ? LineKind.Chat : LineKind.Request;
        Run(new LineArrives(kind, MonotonicClock.Now()), (frameOrRejection, id));
    }

    /// <summary>Decides the command, does what the flow says, and sets the timer for the next held line.</summary>
    private void Run(InboundCommand command, (object Frame, RequestId? Id)? arriving)
    {
        lock (this)
        {
            // Said goodbye already; what still arrives before the socket closes is ignored.
            if (_cutOff)
                return;
            foreach (var e in _flow.Decide(command))
            {
                _flow = _flow.Apply(e);
                Do(e, arriving);
            }
            _waits.Settle(_flow, _cutOff, command.Now, static owner => ((InboundFrames)owner!).Run(new TimePasses(MonotonicClock.Now()), null), this);
        }
    }

    private void Do(InboundEvent e, (object Frame, RequestId? Id)? arriving)
    {
        switch (e)
        {
            case LineForwarded forwarded:
                Tell(forwarded.Kind, arriving!.Value.Frame, arriving.Value.Id);
                break;
            case LineHeld { Kind: LineKind.Chat }:
                ChatMetrics.Held("connection");
                (_heldChatLines ??= new()).Enqueue(arriving!.Value);
                break;
            case LineHeld:
                ChatMetrics.Held("connection");
                (_heldRequests ??= new()).Enqueue(arriving!.Value.Frame);
                break;
            case HeldLineForwarded { Kind: LineKind.Chat }:
                var (frame, id) = _heldChatLines!.Dequeue();
                Tell(LineKind.Chat, frame, id);
                break;
            case HeldLineForwarded:
                Tell(LineKind.Request, _heldRequests!.Dequeue(), null);
                break;
            case LineRefused refused:
                ChatMetrics.Flood("connection", disconnected: false);
                // Through the session, so the refusal keeps its place among the replies.
                _session.Tell(FrameRejected.Of(RateLimited.Error(refused.RetryAfter, "too many lines waiting; slow down", arriving!.Value.Id)));
                break;
            case ClosedForFlooding:
                _cutOff = true;
                _heldChatLines?.Clear();
                _heldRequests?.Clear();
                ChatMetrics.Flood("connection", disconnected: true);
                _outbox.SayByeAndFinish(ErrorCodes.Flooding, "too many lines after being told to slow down");
                _waits.EndReadPause();
                break;
        }
    }

    private void Tell(LineKind kind, object frame, RequestId? id)
    {
        if (kind == LineKind.Chat)
        {
            (_inFlight ??= []).Add(id);
            ChatMetrics.InFlight(_inFlight.Count, _flow.Limits.MaxInFlight);
        }
        _session.Tell(frame);
    }
}
