using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>The store's bounds against the real host: one sender cannot fill another's first login.</summary>
public sealed class StoreBoundsEndToEndSpecs()
    : EndToEndSpec(TestHost.ScriptedClientAllowance + "\nchat.store { max-waiting-direct-messages = 3, max-rooms-per-account = 3, max-rooms-created-per-account = 3 }", "alice", "mallory")
{
    [Fact]
    public async Task Dms_to_an_offline_user_stop_at_the_bound_and_the_ones_kept_all_arrive()
    {
        await using (var mallory = await LogInAsync("mallory"))
        {
            for (var i = 1; i <= 3; i++)
                Assert.IsType<Ok>(await mallory.RequestAsync(new SendDirect("alice", $"waiting {i}")));
            var full = await mallory.ExpectErrorAsync(new SendDirect("alice", "one too many"), ErrorCodes.RecipientFull);
            Assert.Contains("alice", full.Message);
        }

        await using var alice = await LogInAsync("alice");
        for (var i = 1; i <= 3; i++)
            Assert.Equal($"waiting {i}", (await alice.ExpectAsync<DirectMessage>()).Text);

        await using var malloryAgain = await LogInAsync("mallory");
        // Delivered DMs no longer wait: once alice has them, mallory may write again.
        await Retry.UntilItPassesAsync(async () => Assert.IsType<Ok>(await malloryAgain.RequestAsync(new SendDirect("alice", "now it fits"))));
        Assert.Equal("now it fits", (await alice.ExpectAsync<DirectMessage>()).Text);
    }

    [Fact]
    public async Task Joining_rooms_stops_at_the_bound_and_the_account_is_still_served()
    {
        await using var mallory = await LogInAsync("mallory");

        Assert.IsType<Ok>(await mallory.RequestAsync(new Join("one")));
        Assert.IsType<Ok>(await mallory.RequestAsync(new Join("two")));
        var refused = await mallory.ExpectErrorAsync(new Join("three"), ErrorCodes.TooManyRooms);

        Assert.Contains("3 rooms", refused.Message);
        Assert.IsType<Ok>(await mallory.RequestAsync(new Leave("one")));
        Assert.IsType<Ok>(await mallory.RequestAsync(new Join("three")));
        Assert.IsType<Ok>(await mallory.RequestAsync(new Say("three", "still here")));
    }

    [Fact]
    public async Task Creating_and_leaving_rooms_stops_at_the_bound_and_rooms_that_exist_still_take_the_account()
    {
        await using var mallory = await LogInAsync("mallory");
        await using var alice = await LogInAsync("alice");
        Assert.IsType<Ok>(await alice.RequestAsync(new Join("alices")));

        foreach (var room in new[] { "one", "two", "three" })
        {
            Assert.IsType<Ok>(await mallory.RequestAsync(new Join(room)));
            Assert.IsType<Ok>(await mallory.RequestAsync(new Leave(room)));
        }
        var refused = await mallory.ExpectErrorAsync(new Join("four"), ErrorCodes.TooManyRoomsCreated);

        Assert.Contains("created 3 rooms", refused.Message);
        // Rooms that exist still take mallory (alice's, and an emptied one of mallory's own), and she is served there.
        Assert.IsType<Ok>(await mallory.RequestAsync(new Join("alices")));
        Assert.IsType<Ok>(await mallory.RequestAsync(new Join("one")));
        Assert.IsType<Ok>(await mallory.RequestAsync(new Say("alices", "still here")));
        Assert.Equal("still here", (await alice.ExpectAsync<ChatMessage>(m => m.Text == "still here")).Text);
        var rooms = Assert.IsType<RoomList>(await alice.RequestAsync(new ListRooms()));
        Assert.DoesNotContain(rooms.Rooms, r => r.Room == "four");
    }
}
