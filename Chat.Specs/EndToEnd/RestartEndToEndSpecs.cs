using Chat.Protocol;
using Chat.Host.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>What was acknowledged survives the host stopping and starting on the same data directory.</summary>
public sealed class RestartEndToEndSpecs
{
    [Fact]
    public async Task Accounts_nicknames_and_messages_are_still_there_after_a_restart()
    {
        await using var host = await TestHost.StartAsync();
        long lastSeq;
        long dmId;
        await using (var alice = await host.ConnectAsync())
        {
            await alice.HelloAsync();
            await alice.RequestAsync(new Register("alice", "password1"));
            await alice.RequestAsync(new Register("bob", "password1"));
            await alice.RequestAsync(new Login("alice", "password1"));
            await alice.RequestAsync(new ChangeNick("Al"));
            await alice.RequestAsync(new Say("lobby", "first"));
            lastSeq = ((Ok)await alice.RequestAsync(new Say("lobby", "second"))).Seq!.Value;
            dmId = ((Ok)await alice.RequestAsync(new SendDirect("bob", "while you were out"))).Dm!.Value;
        }

        await host.RestartAsync();

        await using (var alice = await host.ConnectAsync())
        {
            await alice.HelloAsync();
            var login = Assert.IsType<Ok>(await alice.RequestAsync(new Login("alice", "password1")));
            Assert.Equal("Al", login.Nick);
            var next = Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", "third")));
            // A login with the password after a restart is a join the lobby keeps; before it, alice's
            // leave (her link closed before the restart) is kept too when the room heard it before
            // stopping: the leave is stored at once, and the spec does not wait for the room to hear it.
            Assert.InRange(next.Seq!.Value, lastSeq + 2, lastSeq + 3);
            await alice.ExpectErrorAsync(new Login("alice", "password1"), ErrorCodes.AlreadyLoggedIn);
        }
        await host.StopAsync();

        await using var store = await SqliteChatStore.OpenAsync(host.DataDirectory);
        var messages = (await store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10)).Where(m => m.Event is null).ToList();
        Assert.Equal(["first", "second", "third"], messages.Select(m => m.Text));
        Assert.All(messages, m => Assert.Equal("Al", m.Nickname));
        var dms = await store.DirectMessagesBeforeAsync("bob", "alice", long.MaxValue, 10);
        Assert.Equal((dmId, "while you were out"), (dms.Single().Id, dms.Single().Text));
    }
}
