using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Three clients in the lobby: nicknames, messages, who is online, joins and leaves.</summary>
public sealed class LobbyEndToEndSpecs() : EndToEndSpec(null, "alice", "bob", "carol")
{

    [Fact]
    public async Task Everyone_in_the_lobby_gets_a_message_with_the_senders_identity_seq_and_time()
    {
        await using var alice = await LogInAsync("alice");
        await using var bob = await LogInAsync("bob");
        await using var carol = await LogInAsync("carol");
        await alice.ExpectAsync<Joined>(j => j.User == "carol");

        var before = DateTime.UtcNow.AddSeconds(-5);
        var ok = Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "hello, world")));

        foreach (var client in new[] { alice, bob, carol })
        {
            var message = await client.ExpectAsync<ChatMessage>();
            Assert.Equal(("lobby", "alice", "alice", "hello, world", ok.Seq), (message.Room, message.User, message.Nick, message.Text, (long?)message.Seq));
            Assert.Equal(DateTimeKind.Utc, message.Ts.Kind);
            Assert.InRange(message.Ts, before, DateTime.UtcNow.AddSeconds(5));
        }
    }

    [Fact]
    public async Task Sequence_numbers_rise_with_every_message()
    {
        await using var alice = await LogInAsync("alice");

        var seqs = new List<long>();
        for (var i = 0; i < 5; i++)
            seqs.Add(((Ok)await alice.RequestAsync(new Say("lobby", $"m{i}"))).Seq!.Value);
        var received = new List<long>();
        for (var i = 0; i < 5; i++)
            received.Add((await alice.ExpectAsync<ChatMessage>()).Seq);

        Assert.Equal(seqs, received);
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
    }

    [Fact]
    public async Task A_nickname_change_reaches_everyone_sharing_the_room_and_shows_on_messages()
    {
        await using var alice = await LogInAsync("alice");
        await using var bob = await LogInAsync("bob");
        await alice.ExpectAsync<Joined>(j => j.User == "bob");

        await alice.ExpectErrorAsync(new ChangeNick("two words"), ErrorCodes.BadNick);
        var ok = Assert.IsType<Ok>(await alice.RequestAsync(new ChangeNick("Al🐱")));
        Assert.Equal("Al🐱", ok.Nick);

        var changed = await bob.ExpectAsync<NickChanged>();
        Assert.Equal(("alice", "alice", "Al🐱"), (changed.User, changed.Old, changed.Nick));
        await alice.ExpectAsync<NickChanged>();

        await alice.RequestAsync(new Say("lobby", "it's me"));
        Assert.Equal("Al🐱", (await bob.ExpectAsync<ChatMessage>()).Nick);
        var roster = Assert.IsType<Roster>(await bob.RequestAsync(new Who("lobby")));
        Assert.Contains(new Member("alice", "Al🐱"), roster.Users);
    }

    [Fact]
    public async Task Joins_and_leaves_are_announced_and_who_lists_who_is_online()
    {
        await using var alice = await LogInAsync("alice");
        var bob = await LogInAsync("bob");
        var carol = await LogInAsync("carol");

        Assert.Equal("bob", (await alice.ExpectAsync<Joined>(j => j.User == "bob")).Nick);
        await alice.ExpectAsync<Joined>(j => j.User == "carol");
        var roster = Assert.IsType<Roster>(await alice.RequestAsync(new Who("lobby")));
        Assert.Equal(["alice", "bob", "carol"], roster.Users.Select(u => u.User));

        // Leaving by logging out, and by simply vanishing.
        await bob.RequestAsync(new Logout());
        await alice.ExpectAsync<Left>(l => l.User == "bob");
        await carol.DisposeAsync();
        await alice.ExpectAsync<Left>(l => l.User == "carol");

        roster = Assert.IsType<Roster>(await alice.RequestAsync(new Who()));
        Assert.Equal(["alice"], roster.Users.Select(u => u.User));
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task A_second_terminal_does_not_join_twice_and_closing_one_does_not_leave()
    {
        await using var alice = await LogInAsync("alice");
        var bobHere = await LogInAsync("bob");
        await alice.ExpectAsync<Joined>(j => j.User == "bob");
        await using var bobThere = await LogInAsync("bob");

        await alice.AssertNoneAsync<Joined>(j => j.User == "bob");
        await bobHere.DisposeAsync();
        await alice.AssertNoneAsync<Left>(l => l.User == "bob");

        await bobThere.RequestAsync(new Say("lobby", "still here"));
        Assert.Equal("bob", (await alice.ExpectAsync<ChatMessage>()).User);
    }

    [Fact]
    public async Task Saying_something_in_a_room_one_is_not_in_is_refused()
    {
        await using var alice = await LogInAsync("alice");

        await alice.ExpectErrorAsync(new Say("elsewhere", "hi"), ErrorCodes.NotInRoom);
        await alice.ExpectErrorAsync(new Say("lobby", "   "), ErrorCodes.BadText);
        await alice.ExpectErrorAsync(new Say("lobby", "\u001b[2J"), ErrorCodes.BadText);
    }
}
