using Chat.Actors.Accounts;

namespace Chat.Specs.Accounts;

/// <summary>The auth actor's tables grow with what anyone sends (made-up usernames, addresses); each has a hard bound.</summary>
public sealed class AuthTableBoundsSpecs
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void Failed_logins_for_many_made_up_names_fill_the_table_to_its_bound_and_the_oldest_go()
    {
        var throttle = new LoginThrottle(new LoginLimits { FreeFailures = 0, MaxTrackedKeys = 100 });
        string[] victim = [LoginThrottle.UserKey("alice")];

        for (var i = 0; i < 1_000; i++)
            throttle.RecordFailure([LoginThrottle.UserKey($"made-up-{i}")], Seconds(1 + i / 1000.0));
        throttle.RecordFailure(victim, Seconds(2));

        Assert.InRange(throttle.TrackedKeys, 1, 100);
        Assert.True(throttle.RetryAfter(victim, Seconds(2)) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter([LoginThrottle.UserKey("made-up-0")], Seconds(2)));
    }

    [Fact]
    public void Registrations_from_many_addresses_fill_the_table_to_its_bound_and_the_newest_stay_limited()
    {
        var limiter = new AddressRateLimiter(burst: 1, perSecond: 0.001, maxAddresses: 100);

        for (var i = 0; i < 1_000; i++)
            Assert.Equal(TimeSpan.Zero, limiter.TryTake($"10.0.{i / 256}.{i % 256}", Seconds(1 + i / 1000.0)));

        Assert.InRange(limiter.TrackedAddresses, 1, 100);
        Assert.True(limiter.TryTake("10.0.3.231", Seconds(2)) > TimeSpan.Zero); // the 1,000th, still remembered
    }
}
