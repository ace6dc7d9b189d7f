using System.Buffers;
using System.IO.Pipelines;
using Akka.Actor;
using Chat.Actors;
using Chat.Protocol;
using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;

namespace Chat.Host.Transport;

/// <summary>
/// The read side of one connection: lines cut by the framer, decoded, and told to the session,
/// with the connection's flood gate in front. A line over the rate is answered rate_limited and
/// dropped before any actor works on it; a sender that keeps pushing is told "bye" and closed.
/// </summary>
internal sealed class InboundFrames(LineFramer framer, FloodGate floodGate, IActorRef session, ConnectionOutbox outbox)
{
    private bool _cutOff;

    public async Task ReadAsync(PipeReader input)
    {
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (framer.TryReadLine(ref buffer, out var line) is var status and not LineStatus.NeedMore)
                {
                    if (status == LineStatus.TooLong)
                        Deliver(new FrameRejected(ErrorCodes.FrameTooLong, $"a line may have at most {framer.MaxLineBytes} bytes", null), null);
                    else if (FrameCodec.Client.Decode(line) is { IsBlank: false } decoded)
                        Deliver(decoded.Frame ?? (object)new FrameRejected(decoded.ErrorCode!, decoded.ErrorMessage!, decoded.Id), decoded.Id);
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
            if (result.IsCompleted || result.IsCanceled)
                return;
        }
    }

    private void Deliver(object frameOrRejection, RequestId? id)
    {
        // Said goodbye already; what still arrives before the socket closes is ignored.
        if (_cutOff)
            return;
        ChatMetrics.CountReceived(frameOrRejection);
        var verdict = floodGate.Admit(MonotonicClock.Now());
        switch (verdict.Outcome)
        {
            case FloodOutcome.Admitted:
                session.Tell(frameOrRejection);
                break;
            case FloodOutcome.Refused:
                ChatMetrics.Flood("connection", disconnected: false);
                // Through the session, so the refusal keeps its place among the replies.
                session.Tell(RateLimited.Error(verdict.RetryAfter, "too many lines; slow down", id));
                break;
            case FloodOutcome.Disconnect:
                _cutOff = true;
                ChatMetrics.Flood("connection", disconnected: true);
                outbox.SayByeAndFinish(ErrorCodes.Flooding, "too many lines after being told to slow down");
                break;
        }
    }
}
