using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

public class ReconnectPolicySpecs
{
    [Fact]
    public void Each_wait_is_drawn_between_half_and_all_of_the_doubling_delay()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(0.5), policy.JitteredDelayBefore(1, () => 0));
        Assert.Equal(TimeSpan.FromSeconds(1.5), policy.JitteredDelayBefore(2, () => 0.5));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.JitteredDelayBefore(9, () => 0));
    }

    [Fact]
    public void Clients_dropped_together_do_not_all_come_back_in_the_same_instant()
    {
        var policy = ReconnectPolicy.Default;
        var random = new Random(18);

        var firstWaits = Enumerable.Range(0, 100).Select(_ => policy.JitteredDelayBefore(1, random.NextDouble)).ToList();

        Assert.All(firstWaits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
        Assert.True(firstWaits.Distinct().Count() > 50, "the waits are spread");
        Assert.True(firstWaits.Max() - firstWaits.Min() > TimeSpan.FromMilliseconds(300), "over a few hundred milliseconds");
    }
}
