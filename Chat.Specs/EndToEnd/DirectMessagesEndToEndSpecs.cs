using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

public sealed class DirectMessagesEndToEndSpecs() : EndToEndSpec(null, "alice", "bob", "carol")
{

    [Fact]
    public async Task Only_the_recipient_gets_it_on_every_terminal_and_the_sender_sees_it_on_theirs()
    {
        await using var alice = await LogInAsync("alice");
        await using var aliceElsewhere = await LogInAsync("alice");
        await using var bob = await LogInAsync("bob");
        await using var bobElsewhere = await LogInAsync("bob");
        await using var carol = await LogInAsync("carol");
        await alice.RequestAsync(new ChangeNick("Al"));

        var ok = Assert.IsType<Ok>(await alice.RequestAsync(new SendDirect("BOB", "psst")));

        foreach (var client in new[] { bob, bobElsewhere, alice, aliceElsewhere })
        {
            var dm = await client.ExpectAsync<DirectMessage>();
            Assert.Equal(("alice", "Al", "bob", "psst", ok.Dm), (dm.From, dm.Nick, dm.To, dm.Text, (long?)dm.Id));
        }
        await carol.AssertNoneAsync<DirectMessage>();
    }

    [Fact]
    public async Task A_dm_to_a_name_without_an_account_is_no_such_user()
    {
        await using var alice = await LogInAsync("alice");

        await alice.ExpectErrorAsync(new SendDirect("nobody", "hello?"), ErrorCodes.NoSuchUser);
        await alice.ExpectErrorAsync(new SendDirect("not a name!", "hello?"), ErrorCodes.NoSuchUser);
        await alice.AssertNoneAsync<DirectMessage>();
    }

    [Fact]
    public async Task A_dm_to_someone_offline_is_stored_and_acknowledged()
    {
        await using var alice = await LogInAsync("alice");

        var ok = Assert.IsType<Ok>(await alice.RequestAsync(new SendDirect("carol", "for later")));

        Assert.NotNull(ok.Dm);
        Assert.Equal("for later", (await alice.ExpectAsync<DirectMessage>()).Text);
    }
}
