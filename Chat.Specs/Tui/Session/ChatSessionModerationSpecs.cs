using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>Issue 15, item 4's client half: the moderation commands send what the host decides on; notices and the ignore list show.</summary>
public class ChatSessionModerationSpecs
{
    [Fact]
    public async Task Moderation_commands_act_on_the_room_on_screen_and_read_a_duration_before_the_reason()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");
        alice.Enter("!join dev");
        await Eventually.True(() => alice.Current.Room == "dev", "alice is in #dev");

        Assert.True(alice.Enter("!ban bob 2h spamming links"));
        Assert.True(alice.Enter("!kick carol calm down"));
        Assert.True(alice.Enter("!mode +i"));
        Assert.True(alice.Enter("!mute dave being loud"));

        await Eventually.True(() => host.Received.OfType<Mute>().Any(), "the mute went out");
        Assert.Equal(new Ban("dev", "bob", 7200, "spamming links"), host.Received.OfType<Ban>().Single() with { Id = null });
        Assert.Equal(new Kick("dev", "carol", "calm down"), host.Received.OfType<Kick>().Single() with { Id = null });
        Assert.Equal(new SetMode("dev", InviteOnly: true), host.Received.OfType<SetMode>().Single() with { Id = null });
        Assert.Equal(new Mute("dev", "dave", null, "being loud"), host.Received.OfType<Mute>().Single() with { Id = null });
    }

    [Fact]
    public async Task A_moderators_action_shows_as_a_line_in_its_room()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            alice.Deliver(new ModerationNotice("lobby", "root", "mute") { User = "bob", Reason = "spam", Until = new DateTime(2026, 1, 2, 12, 0, 0, DateTimeKind.Utc) });

            Assert.Contains(alice.Lobby.Lines, line => line.Text == "root muted bob until 2026-01-02 12:00 UTC: spam");
        });
    }

    [Fact]
    public async Task The_lines_and_DMs_of_the_people_on_the_ignore_list_are_not_shown()
    {
        await using var host = await LiveHost.StartAsync();
        await using var alice = await SessionFixture.LoggedInAsync(host, "alice");

        Gated.Run(() =>
        {
            alice.Deliver(new IgnoreList(["bob"]));
            alice.Deliver(new ChatMessage("lobby", "bob", "bob", "buy my stuff", 1, DateTime.UtcNow));
            alice.Deliver(new DirectMessage("bob", "bob", "alice", "psst", 1, DateTime.UtcNow));
            alice.Deliver(new ChatMessage("lobby", "carol", "carol", "hello", 2, DateTime.UtcNow));

            Assert.DoesNotContain(alice.Lobby.Lines, line => line.Text == "buy my stuff");
            Assert.Contains(alice.Lobby.Lines, line => line.Text == "hello");
            Assert.DoesNotContain(alice.Conversations, c => c.Peer == "bob");

            alice.Deliver(new IgnoreList([]));
            alice.Deliver(new ChatMessage("lobby", "bob", "bob", "sorry", 3, DateTime.UtcNow));
            Assert.Contains(alice.Lobby.Lines, line => line.Text == "sorry");
        });
    }
}
