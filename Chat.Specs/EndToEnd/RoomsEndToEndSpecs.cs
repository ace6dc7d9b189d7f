using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 4, item 2 and 4: several rooms, and one user on two terminals.</summary>
public sealed class RoomsEndToEndSpecs() : EndToEndSpec(null, "alice", "bob", "carol")
{

    [Fact]
    public async Task Joining_creating_talking_listing_and_leaving_rooms()
    {
        await using var alice = await LogInAsync("alice");
        await using var bob = await LogInAsync("bob");
        await using var carol = await LogInAsync("carol");

        var joined = Assert.IsType<Ok>(await alice.RequestAsync(new Join("#Dev")));
        Assert.Equal("dev", joined.Room);
        var page = await alice.ExpectAsync<HistoryPage>(p => p.Room == "dev");
        // Nothing said yet: the page holds alice's own "joined" line only.
        Assert.Equal("alice", Assert.IsType<Joined>(Assert.Single(page.Messages)).User);
        await bob.RequestAsync(new Join("dev"));
        await alice.ExpectAsync<Joined>(j => j is { Room: "dev", User: "bob" });

        await alice.RequestAsync(new Say("dev", "in dev"));
        Assert.Equal("dev", (await bob.ExpectAsync<ChatMessage>(m => m.Text == "in dev")).Room);
        await carol.AssertNoneAsync<ChatMessage>(m => m.Room == "dev");
        await carol.ExpectErrorAsync(new Say("dev", "let me in"), ErrorCodes.NotInRoom);

        var rooms = Assert.IsType<RoomList>(await carol.RequestAsync(new ListRooms()));
        Assert.Contains(new RoomInfo("dev", 2), rooms.Rooms);
        Assert.Contains(new RoomInfo("lobby", 3), rooms.Rooms);

        Assert.Equal("dev", ((Ok)await bob.RequestAsync(new Leave("#dev"))).Room);
        await alice.ExpectAsync<Left>(l => l is { Room: "dev", User: "bob" });
        await bob.ExpectAsync<Left>(l => l is { Room: "dev", User: "bob" });
        await bob.ExpectErrorAsync(new Leave("dev"), ErrorCodes.NotInRoom);
        await bob.ExpectErrorAsync(new Leave("lobby"), ErrorCodes.BadRoom);
        await bob.ExpectErrorAsync(new Join("no spaces allowed"), ErrorCodes.BadRoom);
    }

    [Fact]
    public async Task Requests_sent_right_behind_a_join_or_a_nickname_change_see_its_effect()
    {
        await using var alice = await LogInAsync("alice");

        await alice.SendBytesAsync([.. FrameCodec.Client.Encode(new Join("dev")), .. FrameCodec.Client.Encode(new ChangeNick("Al")), .. FrameCodec.Client.Encode(new Say("dev", "first words"))]);

        var message = await alice.ExpectAsync<ChatMessage>();
        Assert.Equal(("dev", "Al", "first words"), (message.Room, message.Nick, message.Text));
        await alice.AssertNoneAsync<ErrorReply>();
    }

    [Fact]
    public async Task Rooms_are_kept_across_logins_and_restarts()
    {
        await using (var alice = await LogInAsync("alice"))
        {
            await alice.RequestAsync(new Join("dev"));
            await alice.RequestAsync(new Say("dev", "remember me"));
        }
        await Host.RestartAsync();

        await using var again = await LogInAsync("alice");

        var page = await again.ExpectAsync<HistoryPage>(p => p.Room == "dev");
        Assert.Equal("remember me", page.Messages.OfType<ChatMessage>().Single().Text);
        Assert.IsType<Ok>(await again.RequestAsync(new Say("dev", "still a member")));
    }

    [Fact]
    public async Task Two_terminals_of_one_user_see_joins_leaves_nicknames_and_messages_alike()
    {
        await using var alice = await LogInAsync("alice");
        await using var bobHere = await LogInAsync("bob");
        await using var bobThere = await LogInAsync("bob");
        await alice.RequestAsync(new Join("dev"));

        await bobHere.RequestAsync(new Join("dev"));
        foreach (var bob in new[] { bobHere, bobThere })
        {
            await bob.ExpectAsync<HistoryPage>(p => p.Room == "dev");
            await bob.ExpectAsync<Joined>(j => j is { Room: "dev", User: "bob" });
        }

        await alice.RequestAsync(new Say("dev", "hi both"));
        await bobHere.RequestAsync(new ChangeNick("Bobby"));
        await bobThere.RequestAsync(new Leave("dev"));
        foreach (var bob in new[] { bobHere, bobThere })
        {
            Assert.Equal("hi both", (await bob.ExpectAsync<ChatMessage>(m => m.Room == "dev")).Text);
            await bob.ExpectAsync<NickChanged>(n => n.Nick == "Bobby");
            await bob.ExpectAsync<Left>(l => l is { Room: "dev", User: "bob" });
        }

        await bobThere.DisposeAsync();
        await alice.AssertNoneAsync<Left>(l => l is { Room: "lobby", User: "bob" });
    }

    [Fact]
    public async Task A_second_terminal_gets_the_rooms_history_for_itself()
    {
        await using var alice = await LogInAsync("alice");
        await alice.RequestAsync(new Join("dev"));
        await alice.ExpectAsync<HistoryPage>(p => p.Room == "dev");
        await alice.RequestAsync(new Say("dev", "earlier"));

        await using var aliceLater = await LogInAsync("alice");

        var page = await aliceLater.ExpectAsync<HistoryPage>(p => p.Room == "dev");
        Assert.Equal("earlier", page.Messages.OfType<ChatMessage>().Single().Text);
        await aliceLater.ExpectAsync<Unread>();
        await alice.AssertNoneAsync<HistoryPage>(p => p.Room == "dev");
    }
}
