using Chat.Actors.Sessions;

namespace Chat.Specs.Sessions;

public sealed class FloodGateSpecs
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void A_paste_of_the_burst_goes_through_at_once_and_the_next_line_waits_for_the_refill()
    {
        var gate = new FloodGate(burst: 10, perSecond: 2);

        var paste = Enumerable.Range(0, 10).Select(_ => gate.Admit(Seconds(100)).Outcome);
        Assert.All(paste, outcome => Assert.Equal(FloodOutcome.Admitted, outcome));

        var eleventh = gate.Admit(Seconds(100));
        Assert.Equal((FloodOutcome.Refused, Seconds(0.5)), (eleventh.Outcome, eleventh.RetryAfter));
        Assert.Equal(FloodOutcome.Admitted, gate.Admit(Seconds(100.5)).Outcome);
    }

    [Fact]
    public void Sending_at_the_rate_is_never_refused()
    {
        var gate = new FloodGate(burst: 2, perSecond: 2, strikesBeforeDisconnect: 0);

        for (var i = 0; i < 100; i++)
            Assert.Equal(FloodOutcome.Admitted, gate.Admit(Seconds(i * 0.5)).Outcome);
    }

    [Fact]
    public void Pushing_on_past_the_limit_disconnects_but_waiting_for_a_full_bucket_forgives()
    {
        var gate = new FloodGate(burst: 3, perSecond: 1, strikesBeforeDisconnect: 2);
        for (var i = 0; i < 3; i++)
            gate.Admit(Seconds(0));
        Assert.Equal(FloodOutcome.Refused, gate.Admit(Seconds(0)).Outcome);
        Assert.Equal(FloodOutcome.Refused, gate.Admit(Seconds(0)).Outcome);

        // Rested: the bucket filled up again, the two strikes are forgiven.
        Assert.True(gate.IsRested(Seconds(3)));
        for (var i = 0; i < 3; i++)
            gate.Admit(Seconds(3));
        // The first refusal is no strike: it had no hint to ignore. The next two are.
        Assert.Equal(FloodOutcome.Refused, gate.Admit(Seconds(3)).Outcome);
        Assert.Equal(FloodOutcome.Refused, gate.Admit(Seconds(3)).Outcome);
        Assert.Equal(FloodOutcome.Refused, gate.Admit(Seconds(3)).Outcome);
        Assert.Equal(FloodOutcome.Disconnect, gate.Admit(Seconds(3)).Outcome);
    }

    [Fact]
    public void A_sender_that_waits_each_hint_it_is_given_is_never_disconnected_however_often_it_is_refused()
    {
        // The case: obeying retry_after used to count as a strike, and ~37 lines in, cut the sender off.
        var gate = new FloodGate(burst: 10, perSecond: 2, strikesBeforeDisconnect: 2);
        var now = Seconds(0);
        var refusals = 0;
        for (var line = 0; line < 200; line++)
        {
            FloodVerdict verdict;
            while ((verdict = gate.Admit(now)).Outcome != FloodOutcome.Admitted)
            {
                Assert.Equal(FloodOutcome.Refused, verdict.Outcome);
                refusals++;
                now += verdict.RetryAfter;
            }
        }
        Assert.Equal(190, refusals);
    }

    [Fact]
    public void A_clock_that_goes_back_neither_adds_nor_takes_tokens()
    {
        var gate = new FloodGate(burst: 1, perSecond: 1);
        gate.Admit(Seconds(10));

        Assert.Equal(FloodOutcome.Refused, gate.Admit(Seconds(5)).Outcome);
        Assert.Equal(FloodOutcome.Admitted, gate.Admit(Seconds(11)).Outcome);
    }

    [Fact]
    public void A_spent_bucket_tells_how_long_until_it_is_full_again()
    {
        var gate = new FloodGate(burst: 4, perSecond: 2);
        Assert.Equal(TimeSpan.Zero, gate.UntilRested(Seconds(0)));
        for (var i = 0; i < 3; i++)
            gate.Admit(Seconds(0));

        Assert.Equal(Seconds(1.5), gate.UntilRested(Seconds(0)));
        Assert.Equal(Seconds(0.5), gate.UntilRested(Seconds(1)));
        Assert.False(gate.IsRested(Seconds(1)));
        Assert.Equal(TimeSpan.Zero, gate.UntilRested(Seconds(1.5)));
        Assert.True(gate.IsRested(Seconds(1.5)));
    }
}
