using Akka.Actor;
using Chat.Actors.Accounts;
using Chat.Actors.Protocol;

namespace Chat.Actors.Sessions;

/// <summary>
/// The session's guards: an anonymous connection must log in within the login timeout; a
/// silent link is probed with a "ping" and closed when the probe goes unanswered; a logged-in
/// user's requests, from all their connections together, pass the user's flood gate. They sit
/// in front of every phase (<see cref="AroundReceive"/>), so no phase can forget them.
/// </summary>
public sealed partial class SessionActor
{
    private readonly UserFloodGates _userFloodGates;
    private LinkLiveness _liveness = null!;
    private string? _loggedInAs;

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record LoginDeadlinePassed
    {
        public static readonly LoginDeadlinePassed Instance = new();
    }

    private sealed record CheckLiveness
    {
        public static readonly CheckLiveness Instance = new();
    }

    private SessionLimits Limits => _settings.Session;

    protected override void PreStart()
    {
        _liveness = new LinkLiveness(Limits.IdleProbeAfter, Limits.ProbeAnswerWithin, MonotonicClock.Now());
        Timers.StartPeriodicTimer(nameof(CheckLiveness), CheckLiveness.Instance, _liveness.CheckInterval);
        StartLoginDeadline();
    }

    // The timer scheduler unwraps its messages inside base.AroundReceive, so the guard wraps the
    // behaviour there rather than looking at the raw message here.
    protected override bool AroundReceive(Receive receive, object message) =>
        base.AroundReceive(m => Guard(m) || receive(m), message);

    /// <summary>True when the guard has dealt with the message and no phase should see it.</summary>
    private bool Guard(object message)
    {
        switch (message)
        {
            case PingAnswer:
                // The answer to our probe has done its work by arriving.
                _liveness.Heard(MonotonicClock.Now());
                return true;
            case ClientFrame frame:
                _liveness.Heard(MonotonicClock.Now());
                return _loggedInAs is { } user && !PassesUserFloodGate(user, frame);
            case FrameRejected:
                _liveness.Heard(MonotonicClock.Now());
                return false;
            case CheckLiveness:
                OnCheckLiveness();
                return true;
            case LoginDeadlinePassed:
                if (_user is null)
                    SayByeAndClose(ErrorCodes.LoginTimeout, $"log in within {Limits.LoginTimeout.TotalSeconds:0.###} s of connecting");
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Frames stashed while logging in pass here again when they are unstashed, but only then
    /// as a logged-in user's: each is counted against the user once.
    /// </summary>
    private bool PassesUserFloodGate(string user, ClientFrame frame)
    {
        var verdict = _userFloodGates.Admit(user, MonotonicClock.Now());
        switch (verdict.Outcome)
        {
            case FloodOutcome.Refused:
                Send(RateLimited.Error(verdict.RetryAfter, "too many requests from your account; slow down", frame.Id));
                return false;
            case FloodOutcome.Disconnect:
                SayByeAndClose(ErrorCodes.Flooding, "too many requests from your account after being told to slow down");
                return false;
            default:
                return true;
        }
    }

    private void OnCheckLiveness()
    {
        switch (_liveness.Check(MonotonicClock.Now()))
        {
            case LivenessCheck.Probe:
                Send(new PingProbe());
                break;
            case LivenessCheck.Dead:
                SayByeAndClose(ErrorCodes.IdleTimeout, "no answer to ping");
                break;
        }
    }

    private void StartLoginDeadline() =>
        Timers.StartSingleTimer(nameof(LoginDeadlinePassed), LoginDeadlinePassed.Instance, Limits.LoginTimeout);

    private void StopLoginDeadline() => Timers.Cancel(nameof(LoginDeadlinePassed));

    private void RevokeResumeToken()
    {
        if (_resumeToken is { } token)
            _auth.Tell(new RevokeResumeToken(token));
        _resumeToken = null;
    }

    private void SayByeAndClose(string code, string message)
    {
        Timers.CancelAll();
        Send(new Bye(code, message));
        _output.Finish($"{code}: {message}");
    }
}
