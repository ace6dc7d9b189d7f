using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 15, item 4: !ignore and !unignore, kept across logins; the client hides what the ignored say.</summary>
public sealed class IgnoreEndToEndSpecs() : EndToEndSpec(null, "alice", "bob")
{
    [Fact]
    public async Task The_ignore_list_goes_to_every_terminal_and_comes_back_at_the_next_login()
    {
        await using (var alice = await LogInAsync("alice"))
        await using (var other = await LogInAsync("alice"))
        {
            Assert.Equal("bob", ((Ok)await alice.RequestAsync(new Ignore("Bob"))).User);
            Assert.Equal(["bob"], (await alice.ExpectAsync<IgnoreList>()).Users);
            Assert.Equal(["bob"], (await other.ExpectAsync<IgnoreList>()).Users);
            await alice.ExpectErrorAsync(new Ignore("alice"), ErrorCodes.BadTarget);
            await alice.ExpectErrorAsync(new Ignore("nobody"), ErrorCodes.NoSuchUser);
        }

        await using (var again = await RawClient.LoggedInAsync(Host, "alice", Password))
        {
            Assert.Equal(["bob"], (await again.ExpectAsync<IgnoreList>()).Users);
            Assert.IsType<Ok>(await again.RequestAsync(new Unignore("bob")));
            Assert.Empty((await again.ExpectAsync<IgnoreList>()).Users);
        }

        await using var last = await LogInAsync("alice");
        await last.AssertNoneAsync<IgnoreList>();
    }
}
