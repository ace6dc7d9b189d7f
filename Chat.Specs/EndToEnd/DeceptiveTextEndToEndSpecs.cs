using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Issue 17: bidi controls, separators and zero-width tricks in messages, DMs and away reasons, against the real host.</summary>
public sealed class DeceptiveTextEndToEndSpecs() : EndToEndSpec(TestHost.ScriptedClientAllowance, "alice", "mallory")
{
    [Fact]
    public async Task An_override_left_open_in_a_room_message_or_a_dm_reaches_readers_closed()
    {
        await using var alice = await LogInAsync("alice");
        await using var mallory = await LogInAsync("mallory");

        Assert.IsType<Ok>(await mallory.RequestAsync(new Say("lobby", "see \u202Egnp.exe")));
        Assert.IsType<Ok>(await mallory.RequestAsync(new SendDirect("alice", "\u2067open isolate")));

        var said = await alice.ExpectAsync<ChatMessage>(m => m.User == "mallory");
        Assert.Equal("see \u202Egnp.exe\u202C", said.Text);
        var direct = await alice.ExpectAsync<DirectMessage>(m => m.From == "mallory");
        Assert.Equal("\u2067open isolate\u2069", direct.Text);
    }

    [Theory]
    [InlineData("line\u2028break")]
    [InlineData("para\u2029graph")]
    public async Task Separators_are_refused_in_messages_dms_and_away_reasons_and_nothing_is_relayed(string text)
    {
        await using var alice = await LogInAsync("alice");
        await using var mallory = await LogInAsync("mallory");

        await mallory.ExpectErrorAsync(new Say("lobby", text), ErrorCodes.BadText);
        await mallory.ExpectErrorAsync(new SendDirect("alice", text), ErrorCodes.BadText);
        await mallory.ExpectErrorAsync(new SetAway(text), ErrorCodes.BadText);
        Assert.IsType<Ok>(await mallory.RequestAsync(new Say("lobby", "marker")));

        // The marker is the first thing alice hears from mallory: nothing before it got through.
        var first = await alice.ExpectAsync<ServerFrame>(f => f is ChatMessage { User: "mallory" } or DirectMessage { From: "mallory" } or Presence { User: "mallory" });
        Assert.Equal("marker", Assert.IsType<ChatMessage>(first).Text);
    }
}
