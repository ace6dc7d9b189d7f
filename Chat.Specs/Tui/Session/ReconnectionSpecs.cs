using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>Where a dropped link goes next, given a cluster's nodes: the order, the back-off, the wrap-around and the reset.</summary>
public class ReconnectionSpecs
{
    private static readonly ServerAddress A = new("a.test", 7001);
    private static readonly ServerAddress B = new("b.test", 7002);
    private static readonly ServerAddress C = new("c.test", 7003);
    private static readonly ReconnectPolicy Policy = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    private static ServerList Nodes => Parse("a.test:7001,b.test:7002,c.test:7003");

    private static ServerList Parse(string text)
    {
        Assert.True(ServerList.TryParse(text, out var list, out var problem), problem);
        return list;
    }

    /// <summary>The next <paramref name="count"/> tries, with no jitter (each wait its longest).</summary>
    private static List<ReconnectTry> Tries(Reconnection from, int count)
    {
        var tries = new List<ReconnectTry>();
        for (var i = 0; i < count; i++)
        {
            from = from.Next(() => 0.9999999, out var next);
            tries.Add(next);
        }
        return tries;
    }

    [Fact]
    public void After_a_drop_the_other_nodes_are_tried_first_in_the_order_given_and_the_lost_one_last()
    {
        var onB = new Reconnection(Nodes, Policy).LoggedInAt(B);

        Assert.Equal([C, A, B], Tries(onB, 3).Select(t => t.Server));
        Assert.Equal([1, 2, 3], Tries(onB, 3).Select(t => t.Attempt));
    }

    [Fact]
    public void The_wait_doubles_with_each_round_of_the_list_not_with_each_node()
    {
        var onA = new Reconnection(Nodes, Policy).LoggedInAt(A);

        var waits = Tries(onA, 9).Select(t => Math.Round(t.Delay.TotalSeconds)).ToList();

        Assert.Equal([1, 1, 1, 2, 2, 2, 4, 4, 4], waits);
    }

    [Fact]
    public void The_list_wraps_around_for_as_long_as_it_takes_and_the_wait_stays_at_its_cap()
    {
        var onA = new Reconnection(Nodes, Policy).LoggedInAt(A);

        var tries = Tries(onA, 30);

        Assert.Equal([B, C, A, B, C, A], tries.Skip(24).Select(t => t.Server));
        Assert.All(tries.Skip(12), t => Assert.Equal(10, Math.Round(t.Delay.TotalSeconds)));
    }

    [Fact]
    public void Each_wait_is_jittered_as_the_single_host_policy_does()
    {
        var onA = new Reconnection(Nodes, Policy).LoggedInAt(A);

        onA.Next(() => 0, out var shortest);
        onA.Next(() => 0.5, out var middle);

        Assert.Equal(TimeSpan.FromSeconds(0.5), shortest.Delay);
        Assert.Equal(TimeSpan.FromSeconds(0.75), middle.Delay);
    }

    [Fact]
    public void A_login_that_goes_through_starts_over_from_its_node_with_the_shortest_wait()
    {
        var onA = new Reconnection(Nodes, Policy).LoggedInAt(A);
        var down = onA;
        for (var i = 0; i < 7; i++)
            down = down.Next(() => 0.9999999, out _);
        Assert.Equal(B, down.Server);

        var onB = down.LoggedInAt(B);

        Assert.Equal(0, onB.Attempt);
        Assert.Equal(B, onB.Server);
        var first = Tries(onB, 1).Single();
        Assert.Equal((1, C), (first.Attempt, first.Server));
        Assert.Equal(1, Math.Round(first.Delay.TotalSeconds));
    }

    [Fact]
    public void With_one_address_it_is_the_doubling_back_off_it_always_was()
    {
        var alone = new Reconnection(A, Policy);

        var tries = Tries(alone, 6);

        Assert.All(tries, t => Assert.Equal(A, t.Server));
        Assert.Equal([1, 2, 4, 8, 10, 10], tries.Select(t => Math.Round(t.Delay.TotalSeconds)));
    }

    [Theory]
    [InlineData("a.test:7001,b.test:7002", "a.test:7001|b.test:7002")]
    [InlineData(" a.test:7001 , [::1]:7002 ", "a.test:7001|[::1]:7002")]
    [InlineData("[fe80::1]:7001,[::1]", "[fe80::1]:7001|[::1]:7777")]
    [InlineData("unix:/srv/chat/data,sock", "unix:/srv/chat/data,sock")]
    public void A_list_of_addresses_reads_each_as_host_and_port(string text, string expected)
    {
        Assert.Equal(expected, string.Join('|', Parse(text).Addresses));
    }

    [Theory]
    [InlineData("a.test:7001,,b.test:7002", "empty place (number 2)")]
    [InlineData("a.test:7001,", "empty place (number 2)")]
    [InlineData("a.test:7001,b.test:99999", "address number 2, \"b.test:99999\", is not HOST:PORT")]
    [InlineData("::1:7001", "write it in brackets")]
    [InlineData("a.test:7001,a.test:7001", "named twice")]
    [InlineData("a.test:7001,unix:/x.sock", "Unix socket")]
    [InlineData("", "no server address")]
    public void A_bad_list_says_what_is_wrong_with_it(string text, string problem)
    {
        Assert.False(ServerList.TryParse(text, out _, out var why));
        Assert.Contains(problem, why);
    }
}
