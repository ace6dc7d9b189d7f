using Chat.Actors.Accounts;

namespace Chat.Specs.Accounts;

public sealed class LoginThrottleSpecs
{
    private static readonly LoginLimits Limits = new()
    {
        FreeFailures = 2,
        FirstDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(10),
        ForgetAfter = TimeSpan.FromMinutes(15),
    };

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void The_free_failures_cost_nothing_then_each_failure_doubles_the_wait_up_to_the_cap()
    {
        var throttle = new LoginThrottle(Limits);
        string[] keys = [LoginThrottle.UserKey("alice")];
        var waits = new List<TimeSpan>();

        for (var i = 0; i < 7; i++)
        {
            var now = Seconds(i * 100);
            throttle.RecordFailure(keys, now);
            waits.Add(throttle.RetryAfter(keys, now));
        }

        Assert.Equal([Seconds(0), Seconds(0), Seconds(1), Seconds(2), Seconds(4), Seconds(8), Seconds(10)], waits);
    }

    [Fact]
    public void A_username_that_exists_and_one_that_does_not_are_throttled_alike()
    {
        // The throttle never sees the store: a key is a key, so it cannot tell them apart.
        var throttle = new LoginThrottle(Limits);
        for (var i = 0; i < 4; i++)
            throttle.RecordFailure([LoginThrottle.UserKey("alice"), LoginThrottle.UserKey("nobody-here")], Seconds(0));

        Assert.Equal(throttle.RetryAfter([LoginThrottle.UserKey("ALICE")], Seconds(1)), throttle.RetryAfter([LoginThrottle.UserKey("nobody-here")], Seconds(1)));
    }

    [Fact]
    public void The_wait_is_the_longest_of_any_key_and_success_clears_only_its_own()
    {
        var throttle = new LoginThrottle(Limits);
        var address = LoginThrottle.AddressKey("10.0.0.7");
        for (var i = 0; i < 4; i++)
            throttle.RecordFailure([LoginThrottle.UserKey("u" + i), address], Seconds(0));

        Assert.Equal(Seconds(2), throttle.RetryAfter([LoginThrottle.UserKey("bob"), address], Seconds(0)));
        throttle.RecordSuccess(LoginThrottle.UserKey("u3"));
        Assert.Equal(Seconds(1), throttle.RetryAfter([LoginThrottle.UserKey("bob"), address], Seconds(1)));
    }

    [Fact]
    public void Old_failures_are_forgotten()
    {
        var throttle = new LoginThrottle(Limits);
        string[] keys = [LoginThrottle.UserKey("alice")];
        for (var i = 0; i < 5; i++)
            throttle.RecordFailure(keys, Seconds(0));

        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter(keys, Seconds(15 * 60)));
        throttle.RecordFailure(keys, Seconds(15 * 60));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter(keys, Seconds(15 * 60)));
    }

    [Fact]
    public void Nonsense_usernames_make_bounded_keys()
    {
        Assert.Equal("user:" + new string('x', 64), LoginThrottle.UserKey(new string('X', 5000)));
    }

    [Fact]
    public void Registrations_per_address_come_in_a_burst_then_at_the_rate()
    {
        var limiter = new AddressRateLimiter(burst: 2, perSecond: 0.5);

        Assert.Equal(TimeSpan.Zero, limiter.TryTake("10.0.0.7", Seconds(0)));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake("10.0.0.7", Seconds(0)));
        Assert.Equal(Seconds(2), limiter.TryTake("10.0.0.7", Seconds(0)));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake("10.0.0.8", Seconds(0)));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake("10.0.0.7", Seconds(2)));
    }
}
