using Chat.Actors.Sessions;

namespace Chat.Specs.Sessions;

public sealed class LinkLivenessSpecs
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void A_silent_link_is_probed_once_then_declared_dead()
    {
        var link = new LinkLiveness(probeAfter: Seconds(60), answerWithin: Seconds(30), now: Seconds(0));

        Assert.Equal(LivenessCheck.Alive, link.Check(Seconds(59)));
        Assert.Equal(LivenessCheck.Probe, link.Check(Seconds(60)));
        Assert.Equal(LivenessCheck.Alive, link.Check(Seconds(89)));
        Assert.Equal(LivenessCheck.Dead, link.Check(Seconds(90)));
    }

    [Fact]
    public void Anything_heard_answers_the_probe_and_restarts_the_silence()
    {
        var link = new LinkLiveness(Seconds(60), Seconds(30), Seconds(0));
        Assert.Equal(LivenessCheck.Probe, link.Check(Seconds(60)));

        link.Heard(Seconds(70));

        Assert.Equal(LivenessCheck.Alive, link.Check(Seconds(100)));
        Assert.Equal(LivenessCheck.Probe, link.Check(Seconds(130)));
    }

    [Theory]
    [InlineData(30, 60, 30, 15)]
    [InlineData(3, 60, 30, 1.5)]
    [InlineData(600, 3600, 30, 15)]
    public void Checks_come_often_enough_for_the_shortest_deadline(double login, double probeAfter, double answerWithin, double expected)
    {
        var limits = new SessionLimits { LoginTimeout = Seconds(login), IdleProbeAfter = Seconds(probeAfter), ProbeAnswerWithin = Seconds(answerWithin) };

        Assert.Equal(Seconds(expected), limits.GuardCheckInterval);
    }
}
