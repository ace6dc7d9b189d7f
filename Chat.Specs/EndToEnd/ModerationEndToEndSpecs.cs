using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 15, item 4: moderation in the chat, against the real host. Alice creates "dev" and owns it.</summary>
public sealed class ModerationEndToEndSpecs() : EndToEndSpec(null, "alice", "bob", "carol")
{
    private async Task<(RawClient Alice, RawClient Bob, RawClient Carol)> InDevAsync()
    {
        var alice = await LogInAsync("alice");
        var bob = await LogInAsync("bob");
        var carol = await LogInAsync("carol");
        await alice.RequestAsync(new Join("dev"));
        foreach (var (client, user) in new[] { (bob, "bob"), (carol, "carol") })
        {
            Assert.IsType<Ok>(await client.RequestAsync(new Join("dev")));
            await alice.ExpectAsync<Joined>(j => j is { Room: "dev" } && j.User == user);
        }
        return (alice, bob, carol);
    }

    [Fact]
    public async Task A_member_who_is_no_operator_is_refused_every_command()
    {
        var (alice, bob, carol) = await InDevAsync();
        await using var _ = alice;
        await using var __ = bob;
        await using var ___ = carol;

        ClientFrame[] commands =
        [
            new Kick("dev", "carol"), new Ban("dev", "carol"), new Unban("dev", "carol"), new Mute("dev", "carol"), new Unmute("dev", "carol"),
            new SetTopic("dev", "mine now"), new Invite("dev", "carol"), new SetMode("dev", InviteOnly: true), new GrantOperator("dev", "carol"),
            new RevokeOperator("dev", "carol"),
        ];
        foreach (var command in commands)
            Assert.Contains("operator", (await bob.ExpectErrorAsync(command, ErrorCodes.NotPermitted)).Message);
        await carol.AssertNoneAsync<ModerationNotice>();
        await carol.RequestAsync(new Say("dev", "still here"));
    }

    [Fact]
    public async Task A_kick_is_announced_removes_the_member_and_they_may_join_again()
    {
        var (alice, bob, carol) = await InDevAsync();
        await using var _ = alice;
        await using var __ = bob;
        await using var ___ = carol;

        Assert.IsType<Ok>(await alice.RequestAsync(new Kick("dev", "bob", "calm down")));

        var notice = await carol.ExpectAsync<ModerationNotice>();
        Assert.Equal(("dev", "alice", "kick", "bob", "calm down"), (notice.Room, notice.By, notice.Action, notice.User, notice.Reason));
        await carol.ExpectAsync<Left>(l => l.User == "bob");
        Assert.Equal("calm down", (await bob.ExpectAsync<ModerationNotice>(n => n.Action == "kick")).Reason);
        await bob.ExpectAsync<Left>(l => l is { Room: "dev", User: "bob" });
        await bob.ExpectErrorAsync(new Say("dev", "hey"), ErrorCodes.NotInRoom);
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("dev")));
    }

    [Fact]
    public async Task A_banned_user_is_removed_cannot_rejoin_nor_come_back_at_login_until_unbanned()
    {
        var (alice, bob, carol) = await InDevAsync();
        await using var _ = alice;
        await using var ___ = carol;

        Assert.IsType<Ok>(await alice.RequestAsync(new Ban("dev", "bob", Seconds: 3600, Reason: "spam")));
        var notice = await bob.ExpectAsync<ModerationNotice>(n => n.Action == "ban");
        Assert.NotNull(notice.Until);
        await bob.ExpectAsync<Left>(l => l is { Room: "dev", User: "bob" });
        Assert.Contains("spam", (await bob.ExpectErrorAsync(new Join("dev"), ErrorCodes.Banned)).Message);
        await bob.DisposeAsync();

        await using (var again = await LogInAsync("bob"))
        {
            await again.AssertNoneAsync<HistoryPage>(p => p.Room == "dev");
            await again.ExpectErrorAsync(new Join("dev"), ErrorCodes.Banned);
        }

        Assert.IsType<Ok>(await alice.RequestAsync(new Unban("dev", "bob")));
        await carol.ExpectAsync<ModerationNotice>(n => n.Action == "unban" && n.User == "bob");
        await using var forgiven = await LogInAsync("bob");
        Assert.IsType<Ok>(await forgiven.RequestAsync(new Join("dev")));
    }

    [Fact]
    public async Task A_muted_members_lines_are_refused_until_unmuted()
    {
        var (alice, bob, carol) = await InDevAsync();
        await using var _ = alice;
        await using var __ = bob;
        await using var ___ = carol;

        Assert.IsType<Ok>(await alice.RequestAsync(new Mute("dev", "bob", Seconds: 600)));
        await bob.ExpectAsync<ModerationNotice>(n => n.Action == "mute");
        await bob.ExpectErrorAsync(new Say("dev", "let me speak"), ErrorCodes.Muted);

        Assert.IsType<Ok>(await alice.RequestAsync(new Unmute("dev", "bob")));
        Assert.IsType<Ok>(await bob.RequestAsync(new Say("dev", "thank you")));
        await carol.ExpectAsync<ChatMessage>(m => m.Text == "thank you");
        await carol.AssertNoneAsync<ChatMessage>(m => m.Text == "let me speak");
    }

    [Fact]
    public async Task An_operator_sets_the_topic_and_the_owner_makes_and_unmakes_operators()
    {
        var (alice, bob, carol) = await InDevAsync();
        await using var _ = alice;
        await using var __ = bob;
        await using var ___ = carol;

        Assert.IsType<Ok>(await alice.RequestAsync(new GrantOperator("dev", "bob")));
        await carol.ExpectAsync<ModerationNotice>(n => n.Action == "op" && n.User == "bob");
        var roster = Assert.IsType<Roster>(await carol.RequestAsync(new Who("dev")));
        Assert.Equal([("alice", "owner"), ("bob", "operator"), ("carol", null)], roster.Users.OrderBy(u => u.User).Select(u => (u.User, u.Role)));

        Assert.IsType<Ok>(await bob.RequestAsync(new SetTopic("dev", "release on friday")));
        Assert.Equal("release on friday", (await carol.ExpectAsync<ModerationNotice>(n => n.Action == "topic")).Topic);
        await bob.ExpectErrorAsync(new Kick("dev", "alice"), ErrorCodes.NotPermitted);

        Assert.IsType<Ok>(await alice.RequestAsync(new RevokeOperator("dev", "bob")));
        await bob.ExpectErrorAsync(new SetTopic("dev", "again"), ErrorCodes.NotPermitted);
    }

    [Fact]
    public async Task An_invite_only_private_room_lets_in_the_invited_and_is_listed_only_to_its_members()
    {
        await using var alice = await LogInAsync("alice");
        await using var bob = await LogInAsync("bob");
        await alice.RequestAsync(new Join("secret"));
        Assert.IsType<Ok>(await alice.RequestAsync(new SetMode("secret", InviteOnly: true, Private: true)));
        await alice.ExpectAsync<ModerationNotice>(n => n is { Action: "mode", InviteOnly: true, Private: true });

        Assert.DoesNotContain(((RoomList)await bob.RequestAsync(new ListRooms())).Rooms, r => r.Room == "secret");
        Assert.Contains(((RoomList)await alice.RequestAsync(new ListRooms())).Rooms, r => r.Room == "secret");
        await bob.ExpectErrorAsync(new Join("secret"), ErrorCodes.InviteOnly);

        Assert.IsType<Ok>(await alice.RequestAsync(new Invite("secret", "bob")));
        Assert.IsType<Ok>(await bob.RequestAsync(new Join("secret")));
        Assert.Contains(((RoomList)await bob.RequestAsync(new ListRooms())).Rooms, r => r.Room == "secret");
    }

    [Fact]
    public async Task Moderation_survives_a_restart_of_the_host()
    {
        var (alice, bob, carol) = await InDevAsync();
        await alice.RequestAsync(new Ban("dev", "bob"));
        await alice.RequestAsync(new GrantOperator("dev", "carol"));
        await alice.DisposeAsync();
        await bob.DisposeAsync();
        await carol.DisposeAsync();

        await Host.RestartAsync();

        await using var banned = await LogInAsync("bob");
        await banned.ExpectErrorAsync(new Join("dev"), ErrorCodes.Banned);
        await using var op = await LogInAsync("carol");
        Assert.IsType<Ok>(await op.RequestAsync(new SetTopic("dev", "carol was here")));
    }
}
