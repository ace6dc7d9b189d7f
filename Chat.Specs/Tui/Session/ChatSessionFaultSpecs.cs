using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>Faults only a scripted host commits: the client skips what it cannot read and gives up on silence.</summary>
public class ChatSessionFaultSpecs
{
    [Fact]
    public async Task Lines_that_are_not_frames_and_frames_of_unknown_types_are_skipped()
    {
        await using var host = new ScriptedHost(frame => frame switch
        {
            Hello => [ScriptedHost.Raw("not json at all"), ScriptedHost.Raw("""{"type":"from_the_future","x":1}"""), ScriptedHost.Answer(frame, new Welcome(1, "scripted", ""))],
            Login login => [ScriptedHost.Raw("{\"type\":"), ScriptedHost.Answer(frame, new Ok { User = login.User, Nick = login.User })],
            Who => [ScriptedHost.Answer(frame, new Roster(RoomNames.Lobby, [new Member("alice", "alice")]))],
            _ => [],
        });
        await using var alice = new ChatSession(host.Address, SessionFixture.FastRetry);

        Assert.Null(await alice.LogInAsync("alice", "password1"));

        Gated.Run(() =>
        {
            Assert.Equal(ConnectionStatus.Connected, alice.Status);
            Assert.Equal(["alice"], alice.People.Select(p => p.User));
        });
    }

    /// <summary>
    /// Issue 14's gap: in a cluster, a line whose room was on a node that is lost before it
    /// committed gets no answer at all (the node holding the client's socket lives on). The client
    /// does not resend it (the host may have committed it before the node went: a resend could
    /// show it twice); it says, where it was typed, that it was not sent, with its text.
    /// </summary>
    [Fact]
    public async Task A_line_the_host_never_answers_is_shown_as_not_sent_with_its_text_and_the_link_stays()
    {
        await using var host = new ScriptedHost(frame => frame switch
        {
            Hello => [ScriptedHost.Answer(frame, new Welcome(1, "scripted", ""))],
            Login login => [ScriptedHost.Answer(frame, new Ok { User = login.User, Nick = login.User })],
            Who => [ScriptedHost.Answer(frame, new Roster(RoomNames.Lobby, [new Member("alice", "alice")]))],
            _ => [],
        });
        // The hello and login are requests too, and must be answered within it: at 1 s a loaded
        // machine could delay the scripted host's answers past it, and the login would fail.
        await using var alice = new ChatSession(host.Address, SessionFixture.FastRetry with { RequestTimeout = TimeSpan.FromSeconds(3) });
        Assert.Null(await alice.LogInAsync("alice", "password1"));

        Assert.True(alice.Enter("into the void"));

        await Eventually.True(() => alice.Lobby.Lines.Any(l => l.Text.StartsWith("Not sent (", StringComparison.Ordinal)), "the line is said not to be sent");
        Gated.Run(() =>
        {
            Assert.Equal("Not sent (the host did not answer \"Say\" within 3 s): into the void", alice.Lobby.Lines.Single(l => l.Text.StartsWith("Not sent", StringComparison.Ordinal)).Text);
            Assert.Equal(ConnectionStatus.Connected, alice.Status);
        });
    }

    /// <summary>
    /// Issue 14: a room or a user actor that hands off (its node leaves) refuses what it could not
    /// take, "unavailable" with "... is moving to another node; say it again". The client shows
    /// it where it was typed, in the host's words and with the text, the room's line and the DM
    /// alike, so the user knows to send it again.
    /// </summary>
    [Fact]
    public async Task A_line_and_a_DM_refused_as_moving_to_another_node_are_shown_as_not_sent_with_the_words_to_say_them_again()
    {
        await using var host = new ScriptedHost(frame => frame switch
        {
            Hello => [ScriptedHost.Answer(frame, new Welcome(1, "scripted", ""))],
            Login login => [ScriptedHost.Answer(frame, new Ok { User = login.User, Nick = login.User })],
            Who => [ScriptedHost.Answer(frame, new Roster(RoomNames.Lobby, [new Member("alice", "alice"), new Member("bob", "bob")]))],
            Say => [ScriptedHost.Answer(frame, new ErrorReply(ErrorCodes.Unavailable, "lobby is moving to another node; say it again"))],
            SendDirect => [ScriptedHost.Answer(frame, new ErrorReply(ErrorCodes.Unavailable, "your account is moving to another node; say it again"))],
            _ => [],
        });
        await using var alice = new ChatSession(host.Address, SessionFixture.FastRetry);
        Assert.Null(await alice.LogInAsync("alice", "password1"));

        Assert.True(alice.Enter("in the lobby"));
        await Eventually.True(() => alice.Lobby.Lines.Any(l => l.Text.Contains("Not sent", StringComparison.Ordinal)), "the line is said not to be sent");
        Assert.True(alice.Enter("!X bob in private"));
        await Eventually.True(() => alice.Current.Lines.Any(l => l.Text.Contains("Not sent", StringComparison.Ordinal)), "the DM is said not to be sent");

        Gated.Run(() =>
        {
            Assert.Equal("The host refused: lobby is moving to another node; say it again. Not sent: in the lobby", alice.Lobby.Lines.Single(l => l.Text.Contains("Not sent", StringComparison.Ordinal)).Text);
            Assert.Equal("The host refused: your account is moving to another node; say it again. Not sent: in private", alice.Current.Lines.Single(l => l.Text.Contains("Not sent", StringComparison.Ordinal)).Text);
            Assert.Equal("bob", alice.Current.Peer);
        });
    }

    [Fact]
    public async Task A_host_that_never_answers_the_hello_is_given_up_on_with_the_address()
    {
        await using var host = new ScriptedHost(_ => []);
        await using var alice = new ChatSession(host.Address, SessionFixture.FastRetry with { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await alice.LogInAsync("alice", "password1");

        Assert.StartsWith($"Server unreachable at {host.Address}", error);
        Assert.Equal(ConnectionStatus.Disconnected, Gated.Read(() => alice.Status));
    }
}
