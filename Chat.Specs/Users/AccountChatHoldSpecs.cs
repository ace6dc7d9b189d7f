using Chat.Actors.Sessions;
using Chat.Actors.Users;

namespace Chat.Specs.Users;

/// <summary>The account's gate for chat lines, as plain state: no actor, no clock. Lines are strings here.</summary>
public sealed class AccountChatHoldSpecs
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    private static AccountChatHold<string> Hold(int burst, double perSecond, int strikesBeforeDisconnect = int.MaxValue) =>
        new(new FloodGate(burst, perSecond, strikesBeforeDisconnect));

    [Fact]
    public void Lines_within_the_allowance_are_admitted_and_one_over_it_is_held_until_the_gate_has_a_token_for_it()
    {
        var hold = Hold(burst: 2, perSecond: 2);

        Assert.Equal(HoldOutcome.Admitted, hold.Arrive("a", Seconds(0), maxHeld: 10).Outcome);
        Assert.Equal(HoldOutcome.Admitted, hold.Arrive("b", Seconds(0), maxHeld: 10).Outcome);
        var over = hold.Arrive("c", Seconds(0), maxHeld: 10);

        Assert.Equal(new HoldVerdict(HoldOutcome.Held, Seconds(0.5)), over);
        Assert.Equal(Seconds(0.5), hold.NextReleaseIn(Seconds(0)));
        Assert.Empty(hold.Release(Seconds(0.25)));
        Assert.Equal(Seconds(0.25), hold.NextReleaseIn(Seconds(0.25)));
        Assert.Equal(["c"], hold.Release(Seconds(0.5)));
        Assert.Null(hold.NextReleaseIn(Seconds(0.5)));
        Assert.Equal(0, hold.Held);
    }

    [Fact]
    public void Lines_behind_a_held_line_wait_behind_it_even_when_the_gate_has_tokens_again_and_go_in_the_order_they_came()
    {
        var hold = Hold(burst: 3, perSecond: 1);
        foreach (var line in new[] { "a", "b", "c" })
            hold.Arrive(line, Seconds(0), maxHeld: 10);
        Assert.Equal(HoldOutcome.Held, hold.Arrive("d", Seconds(0), maxHeld: 10).Outcome);

        // Long after: the bucket is full again, but "d" has not gone yet (its timer is late).
        var late = hold.Arrive("e", Seconds(10), maxHeld: 10);

        Assert.Equal(new HoldVerdict(HoldOutcome.Held, TimeSpan.Zero), late);
        Assert.Equal(TimeSpan.Zero, hold.NextReleaseIn(Seconds(10)));
        Assert.Equal(["d", "e"], hold.Release(Seconds(10)));
    }

    [Fact]
    public void Held_lines_go_one_a_token_at_the_gates_rate()
    {
        var hold = Hold(burst: 3, perSecond: 2);
        foreach (var line in new[] { "a", "b", "c", "d", "e", "f", "g" })
            hold.Arrive(line, Seconds(0), maxHeld: 10);

        Assert.Equal(["d"], hold.Release(Seconds(0.5)));
        Assert.Equal(Seconds(0.5), hold.NextReleaseIn(Seconds(0.5)));
        // A timer that fires late lets go what the tokens since pay for, and no more.
        Assert.Equal(["e", "f"], hold.Release(Seconds(1.75)));
        Assert.Equal(Seconds(0.25), hold.NextReleaseIn(Seconds(1.75)));
    }

    [Fact]
    public void A_line_that_finds_the_held_lines_at_their_bound_is_refused_with_the_time_until_the_oldest_goes()
    {
        var hold = Hold(burst: 2, perSecond: 2);
        foreach (var line in new[] { "a", "b", "c", "d" })
            hold.Arrive(line, Seconds(0), maxHeld: 2);

        var refused = hold.Arrive("e", Seconds(0.25), maxHeld: 2);

        Assert.Equal(new HoldVerdict(HoldOutcome.Refused, Seconds(0.25)), refused);
        Assert.Equal(2, hold.Held);
        // Waiting the hint finds a place: the oldest held line has gone by then.
        Assert.Equal(["c"], hold.Release(Seconds(0.5)));
        Assert.Equal(HoldOutcome.Held, hold.Arrive("e", Seconds(0.5), maxHeld: 2).Outcome);
        Assert.Equal(["d", "e"], hold.Release(Seconds(1.5)));
    }

    [Fact]
    public void A_held_line_is_never_a_strike_only_lines_that_keep_overflowing_the_bound_before_their_hints_are()
    {
        var hold = Hold(burst: 1, perSecond: 0.001, strikesBeforeDisconnect: 1);
        hold.Arrive("first", Seconds(0), maxHeld: 100);

        // A hundred lines over the allowance, all at once: held, none refused, no strike.
        for (var i = 0; i < 100; i++)
            Assert.Equal(HoldOutcome.Held, hold.Arrive($"held {i}", Seconds(0), maxHeld: 100).Outcome);

        // Past the bound: the first refusal had no hint before it; the next, long before its hint, is a strike.
        Assert.Equal(HoldOutcome.Refused, hold.Arrive("over", Seconds(0), maxHeld: 100).Outcome);
        Assert.Equal(HoldOutcome.Refused, hold.Arrive("over", Seconds(0), maxHeld: 100).Outcome);
        Assert.Equal(HoldOutcome.Disconnect, hold.Arrive("over", Seconds(0), maxHeld: 100).Outcome);
    }

    [Fact]
    public void A_terminal_that_goes_takes_its_held_lines_with_it_and_the_others_keep_their_order()
    {
        var hold = Hold(burst: 1, perSecond: 1);
        hold.Arrive("here 0", Seconds(0), maxHeld: 10);
        foreach (var line in new[] { "here 1", "there 1", "here 2", "there 2" })
            hold.Arrive(line, Seconds(0), maxHeld: 10);

        Assert.Equal(["here 1", "here 2"], hold.Remove(line => line.StartsWith("here", StringComparison.Ordinal)));
        Assert.Equal(2, hold.Held);
        Assert.Empty(hold.Remove(line => line.StartsWith("here", StringComparison.Ordinal)));
        Assert.Equal(["there 1"], hold.Release(Seconds(1)));
        Assert.Equal(["there 2"], hold.RemoveAll());
        Assert.Null(hold.NextReleaseIn(Seconds(1)));
    }

    [Fact]
    public void Nothing_held_means_a_line_within_the_allowance_goes_on_at_once_again()
    {
        var hold = Hold(burst: 1, perSecond: 1);
        hold.Arrive("a", Seconds(0), maxHeld: 10);
        hold.Arrive("b", Seconds(0), maxHeld: 10);
        Assert.Equal(["b"], hold.Release(Seconds(1)));

        Assert.Equal(HoldOutcome.Admitted, hold.Arrive("c", Seconds(2), maxHeld: 10).Outcome);
    }
}
