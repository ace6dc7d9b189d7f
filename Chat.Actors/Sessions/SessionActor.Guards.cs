using Akka.Actor;
using Chat.Actors.Accounts;
using Chat.Protocol;

namespace Chat.Actors.Sessions;

/// <summary>
/// The session's guards against connections that hold resources without using them: an
/// anonymous connection must log in within the login timeout, and a silent link is probed
/// with a "ping" and closed when the probe goes unanswered. They sit in front of every phase
/// (<see cref="AroundReceive"/>), so no phase can forget them. (The flood gate a logged-in
/// user's requests share across terminals is the user actor's: see UserActor.FloodControl.cs.)
/// </summary>
public sealed partial class SessionActor
{
    private LinkLiveness _liveness = null!;

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
            case ClientFrame or FrameRejected:
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
        Close($"{code}: {message}", afterQueued: true);
    }
}
