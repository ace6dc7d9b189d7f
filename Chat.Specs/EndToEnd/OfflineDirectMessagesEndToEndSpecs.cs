using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 4, item 3: DMs wait for an offline user, unread state is the host's, DM history.</summary>
public sealed class OfflineDirectMessagesEndToEndSpecs() : EndToEndSpec(null, "alice", "bob")
{

    [Fact]
    public async Task A_dm_to_someone_offline_reaches_them_at_their_next_login_even_after_a_restart()
    {
        long lastId;
        await using (var alice = await LogInAsync("alice"))
        {
            await alice.RequestAsync(new SendDirect("bob", "one"));
            lastId = ((Ok)await alice.RequestAsync(new SendDirect("bob", "two"))).Dm!.Value;
        }
        await Host.RestartAsync();

        await using var bob = await LogInAsync("bob");

        var unread = await bob.ExpectAsync<Unread>();
        Assert.Contains(new UnreadConversation(2) { With = "alice" }, unread.Conversations);
        Assert.Equal("one", (await bob.ExpectAsync<DirectMessage>()).Text);
        Assert.Equal(("two", lastId), ((await bob.ExpectAsync<DirectMessage>()).Text, lastId));

        var history = Assert.IsType<HistoryPage>(await bob.RequestAsync(new HistoryRequest(With: "alice")));
        Assert.Equal(["one", "two"], history.Messages.Cast<DirectMessage>().Select(m => m.Text));
        Assert.True(history.Complete);
    }

    [Fact]
    public async Task Reading_on_one_terminal_clears_the_count_on_the_others_and_after_a_restart()
    {
        long id;
        await using (var alice = await LogInAsync("alice"))
            id = ((Ok)await alice.RequestAsync(new SendDirect("bob", "read me"))).Dm!.Value;
        await using (var bobHere = await LogInAsync("bob"))
        await using (var bobThere = await LogInAsync("bob"))
        {
            await bobHere.ExpectAsync<Unread>(u => u.Conversations.Any(c => c.With == "alice"));
            await bobThere.ExpectAsync<Unread>(u => u.Conversations.Any(c => c.With == "alice"));

            Assert.IsType<Ok>(await bobHere.RequestAsync(new MarkRead(id, With: "alice")));

            Assert.Equal(id, (await bobThere.ExpectAsync<ReadMark>(r => r.With == "alice")).Upto);
        }
        await Host.RestartAsync();

        await using var bobLater = await LogInAsync("bob");
        var unread = await bobLater.ExpectAsync<Unread>();
        Assert.DoesNotContain(unread.Conversations, c => c.With == "alice");
        await bobLater.AssertNoneAsync<DirectMessage>();
    }

    [Fact]
    public async Task Room_messages_said_while_away_count_as_unread_until_marked_read()
    {
        await using (var bob = await LogInAsync("bob"))
            await bob.RequestAsync(new Join("dev"));
        long lastSeq;
        await using (var alice = await LogInAsync("alice"))
        {
            await alice.RequestAsync(new Join("dev"));
            await alice.RequestAsync(new Say("dev", "you missed this"));
            lastSeq = ((Ok)await alice.RequestAsync(new Say("dev", "and this"))).Seq!.Value;
        }

        await using (var bob = await LogInAsync("bob"))
        {
            var unread = await bob.ExpectAsync<Unread>();
            Assert.Contains(new UnreadConversation(2) { Room = "dev" }, unread.Conversations);
            await bob.RequestAsync(new MarkRead(lastSeq, Room: "dev"));
        }

        await using var bobAgain = await LogInAsync("bob");
        Assert.DoesNotContain((await bobAgain.ExpectAsync<Unread>()).Conversations, c => c.Room == "dev");
    }
}
