namespace Chat.Actors.Sessions;

public enum LivenessCheck
{
    /// <summary>Heard from recently, or a probe is out and still has time.</summary>
    Alive,
    /// <summary>Silent for too long: send a probe now.</summary>
    Probe,
    /// <summary>A probe went unanswered: the link is dead.</summary>
    Dead,
}

/// <summary>
/// Whether a connection's far end is still there. Anything the client sends counts as a sign of
/// life; after <c>probeAfter</c> of silence it is probed (the host's "ping"), and if nothing
/// arrives within <c>answerWithin</c> of the probe the link is declared dead.
/// </summary>
public sealed class LinkLiveness(TimeSpan probeAfter, TimeSpan answerWithin, TimeSpan now)
{
    private TimeSpan _lastHeard = now;
    private TimeSpan? _probeSent;

    public void Heard(TimeSpan now)
    {
        _lastHeard = now;
        _probeSent = null;
    }

    public LivenessCheck Check(TimeSpan now)
    {
        if (_probeSent is { } sent)
            return now - sent >= answerWithin ? LivenessCheck.Dead : LivenessCheck.Alive;
        if (now - _lastHeard < probeAfter)
            return LivenessCheck.Alive;
        _probeSent = now;
        return LivenessCheck.Probe;
    }
}
