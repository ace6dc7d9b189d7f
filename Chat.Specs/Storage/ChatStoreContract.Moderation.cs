using Chat.Actors.Rooms;
using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

public abstract partial class ChatStoreContract
{
    private static ModerationChange Moderation(string action, string room = "dev", string by = "alice", string? target = "bob") =>
        new(room, action, by, T0) { Target = target };

    [Fact]
    public async Task A_new_rooms_moderation_is_empty()
    {
        var moderation = RoomModeration.From(await Store.RoomModerationAsync("dev"));

        Assert.True(moderation is { Topic: "", InviteOnly: false, Private: false, TopicBy: null, TopicAt: null });
        Assert.Empty(moderation.Roles);
        Assert.Empty(moderation.Bans);
        Assert.Empty(await Store.ModerationAuditAsync("dev", 10));
    }

    [Fact]
    public async Task Roles_bans_mutes_invitations_topic_and_flags_are_kept_across_a_restart()
    {
        await Store.RecordModerationAsync(new ModerationChange("dev", ModerationActions.Own, "alice", T0));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Op, target: "carol"));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Ban) with { Until = T0.AddHours(1), Reason = "spam" });
        await Store.RecordModerationAsync(Moderation(ModerationActions.Mute, target: "dave"));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Invite, target: "erin"));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Topic, target: null) with { Topic = "release friday" });
        await Store.RecordModerationAsync(Moderation(ModerationActions.Mode, target: null) with { Private = true });
        await Store.RecordModerationAsync(Moderation(ModerationActions.Mode, target: null) with { InviteOnly = true });

        var moderation = RoomModeration.From(await (await ReopenAsync()).RoomModerationAsync("dev"));

        Assert.Equal([("alice", "owner"), ("carol", "operator")], moderation.Roles.OrderBy(r => r.Key).Select(r => (r.Key, r.Value)));
        Assert.Equal(new Restriction(T0.AddHours(1), "spam"), moderation.Bans["bob"]);
        Assert.Equal(new Restriction(null, null), moderation.Mutes["dave"]);
        Assert.Equal(["erin"], moderation.Invited);
        Assert.True(moderation is { Topic: "release friday", InviteOnly: true, Private: true });
        // Who set the topic and when (IRC's RPL_TOPICWHOTIME), from the audit table.
        Assert.Equal(("alice", T0), (moderation.TopicBy, moderation.TopicAt));
        Assert.Empty(RoomModeration.From(await Store.RoomModerationAsync("other")).Roles);
    }

    [Fact]
    public async Task Lifting_a_ban_or_mute_and_unmaking_an_operator_take_them_away()
    {
        await Store.RecordModerationAsync(Moderation(ModerationActions.Ban));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Mute));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Op));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Unban));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Unmute));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Deop));

        var moderation = RoomModeration.From(await Store.RoomModerationAsync("dev"));
        Assert.Empty(moderation.Bans);
        Assert.Empty(moderation.Mutes);
        Assert.Empty(moderation.Roles);
    }

    [Fact]
    public async Task A_kick_or_a_ban_ends_the_stored_membership()
    {
        await CreateAccountsAsync("alice", "bob", "carol");
        foreach (var user in new[] { "alice", "bob", "carol" })
            await Store.AddRoomMemberAsync("dev", user);

        await Store.RecordModerationAsync(Moderation(ModerationActions.Kick));
        await Store.RecordModerationAsync(Moderation(ModerationActions.Ban, target: "carol"));

        Assert.Empty(await Store.RoomsOfAsync("bob"));
        Assert.Empty(await Store.RoomsOfAsync("carol"));
        Assert.Equal(["dev"], await Store.RoomsOfAsync("alice"));
    }

    [Fact]
    public async Task Every_action_is_in_the_audit_table_newest_first_with_who_what_whom_when_and_why()
    {
        await Store.RecordModerationAsync(Moderation(ModerationActions.Kick) with { Reason = "calm down" });
        await Store.RecordModerationAsync(Moderation(ModerationActions.Ban) with { Until = T0.AddDays(1), Reason = "again", At = T0.AddSeconds(1) });
        await Store.RecordModerationAsync(Moderation(ModerationActions.Topic, target: null) with { Topic = "t", At = T0.AddSeconds(2) });
        await Store.RecordModerationAsync(Moderation(ModerationActions.Kick, room: "other"));

        var audit = await Store.ModerationAuditAsync("dev", 10);

        Assert.Equal(
            [
                Moderation(ModerationActions.Topic, target: null) with { Topic = "t", At = T0.AddSeconds(2) },
                Moderation(ModerationActions.Ban) with { Until = T0.AddDays(1), Reason = "again", At = T0.AddSeconds(1) },
                Moderation(ModerationActions.Kick) with { Reason = "calm down" },
            ],
            audit);
        Assert.Single(await Store.ModerationAuditAsync("dev", 1));
    }

    [Fact]
    public async Task Private_rooms_say_so_in_the_room_list()
    {
        await CreateAccountsAsync("alice");
        await Store.AddRoomMemberAsync("dev", "alice");
        await Store.AddRoomMemberAsync("lobby", "alice");
        await Store.RecordModerationAsync(Moderation(ModerationActions.Mode, target: null) with { Private = true });

        Assert.Equal([new RoomSummary("dev", 1) { Private = true }, new RoomSummary("lobby", 1)], await Store.ListRoomsAsync());
    }
}
