using Chat.Actors.Sessions;
using Chat.Tui.Session;
using CsCheck;

namespace Chat.Specs.Tui.Session;

/// <summary>
/// The client's allowance of lines: a burst at once, then each line in the next free slot, in
/// order; a refusal from the host holds everything back as long as it asks. Sent at the times it
/// gives, the default pace never meets the host's default flood gate's refusal.
/// </summary>
public sealed class SendAllowanceSpecs
{
    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_burst_goes_at_once_and_the_lines_after_it_get_slots_half_a_second_apart()
    {
        var allowance = new SendAllowance(new SendPace(Burst: 3, LinesPerSecond: 2));

        var waits = Enumerable.Range(0, 6).Select(_ => allowance.Reserve(Seconds(10))).ToList();

        Assert.Equal([Seconds(0), Seconds(0), Seconds(0), Seconds(0.5), Seconds(1), Seconds(1.5)], waits);
    }

    [Fact]
    public void A_quiet_spell_earns_the_burst_back_but_no_more()
    {
        var allowance = new SendAllowance(new SendPace(Burst: 2, LinesPerSecond: 2));
        allowance.Reserve(Seconds(0));
        allowance.Reserve(Seconds(0));

        var afterAnHour = Enumerable.Range(0, 3).Select(_ => allowance.Reserve(Seconds(3600))).ToList();

        Assert.Equal([Seconds(0), Seconds(0), Seconds(0.5)], afterAnHour);
    }

    [Fact]
    public void A_refusal_from_the_host_holds_the_next_line_back_for_the_time_it_asks()
    {
        var allowance = new SendAllowance(new SendPace(Burst: 8, LinesPerSecond: 2));
        allowance.Reserve(Seconds(0));

        allowance.HoldOff(Seconds(0), retryAfter: Seconds(3));

        Assert.Equal(Seconds(3), allowance.Reserve(Seconds(0)));
        Assert.Equal(Seconds(3.5), allowance.Reserve(Seconds(0)));
    }

    [Fact]
    public void Lines_sent_when_the_default_pace_says_all_pass_the_hosts_default_flood_gate()
    {
        // However bunched the lines the client wants to send (gaps from none to two seconds),
        // each sent when the allowance says, and arriving up to a tenth of a second late.
        Gen.Double[0, 2].Array[1, 200].Select(Gen.Double[0, 0.1].Array[200], (gaps, delays) => (gaps, delays)).Sample((gaps, delays) =>
        {
            var allowance = new SendAllowance(SendPace.Default);
            var gate = new SessionLimits().NewAccountFloodGate();
            var wanted = TimeSpan.Zero;
            var arrived = TimeSpan.Zero;
            for (var i = 0; i < gaps.Length; i++)
            {
                wanted += Seconds(gaps[i]);
                var sent = wanted + allowance.Reserve(wanted);
                arrived = Max(arrived, sent + Seconds(delays[i]));
                Assert.Equal(FloodOutcome.Admitted, gate.Admit(arrived).Outcome);
            }
        }, iter: 2000);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
