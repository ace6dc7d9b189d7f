using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 4, item 5: away, back and whois.</summary>
public sealed class PresenceEndToEndSpecs() : EndToEndSpec(null, "alice", "bob")
{

    [Fact]
    public async Task Away_shows_to_the_room_in_the_roster_in_whois_and_to_whoever_dms()
    {
        await using var alice = await LogInAsync("alice");
        await using var bob = await LogInAsync("bob");

        await bob.RequestAsync(new SetAway("lunch"));

        Assert.Equal("lunch", (await alice.ExpectAsync<Presence>(p => p.User == "bob")).Away);
        var roster = Assert.IsType<Roster>(await alice.RequestAsync(new Who()));
        Assert.Equal("lunch", roster.Users.Single(u => u.User == "bob").Away);
        var dm = Assert.IsType<Ok>(await alice.RequestAsync(new SendDirect("bob", "there?")));
        Assert.Equal("lunch", dm.Away);
        var whois = Assert.IsType<WhoisInfo>(await alice.RequestAsync(new Whois("BOB")));
        Assert.Equal(("bob", "bob", true, "lunch"), (whois.User, whois.Nick, whois.Online, whois.Away));
        Assert.NotNull(whois.Since);

        await bob.RequestAsync(new Back());
        Assert.Null((await alice.ExpectAsync<Presence>(p => p.User == "bob")).Away);
        Assert.Null(((Ok)await alice.RequestAsync(new SendDirect("bob", "welcome back"))).Away);
    }

    [Fact]
    public async Task Whois_of_someone_offline_says_when_they_were_last_seen()
    {
        await using (await LogInAsync("bob"))
        {
        }
        await using var alice = await LogInAsync("alice");

        var whois = await WaitForLastSeenAsync(alice);

        Assert.False(whois.Online);
        Assert.InRange(whois.Since!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(5));
        await alice.ExpectErrorAsync(new Whois("nobody"), ErrorCodes.NoSuchUser);
    }

    /// <summary>Bob's last-seen time is written as his connection closes; ask until it is there.</summary>
    private static async Task<WhoisInfo> WaitForLastSeenAsync(RawClient client)
    {
        using var timeout = new CancellationTokenSource(RawClient.Patience);
        while (true)
        {
            var whois = Assert.IsType<WhoisInfo>(await client.RequestAsync(new Whois("bob")));
            if (whois is { Online: false, Since: not null })
                return whois;
            await Task.Delay(50, timeout.Token);
        }
    }
}
