using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Chat.Protocol;
using Chat.Host.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>A host that stops tells its clients, keeps everything it acknowledged and lets go at once.</summary>
public sealed class ShutdownEndToEndSpecs
{
    [Fact]
    public async Task Stopping_tells_every_client_why_closes_their_connections_and_keeps_what_was_acknowledged()
    {
        await using var host = await TestHost.StartAsync();
        await using var anonymous = await host.ConnectAsync();
        await anonymous.HelloAsync();
        await anonymous.RequestAsync(new Register("alice", "password1"));
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        var acknowledged = new List<RequestId>();
        for (var i = 0; i < 50; i++)
            acknowledged.Add(await alice.SendAsync(new Say("lobby", $"message {i}")));
        var lastAcknowledged = Assert.IsType<Ok>(await alice.ExpectReplyAsync(acknowledged[^1])).Seq;

        await host.StopAsync();

        foreach (var client in new[] { anonymous, alice })
        {
            Assert.Equal(ErrorCodes.ShuttingDown, (await client.ExpectAsync<Bye>()).Code);
            Assert.True(await client.ClosedByHostAsync());
        }
        await using var store = await SqliteChatStore.OpenAsync(host.DataDirectory);
        var stored = (await store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 100)).Where(m => m.Event is null).ToList();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"message {i}"), stored.Select(m => m.Text));
        Assert.Equal(lastAcknowledged, stored[^1].Seq);
    }

    [Fact]
    public async Task A_host_that_stops_after_its_actor_system_has_gone_still_tells_every_client_why()
    {
        await using var host = await TestHost.StartAsync();
        await using var client = await host.ConnectAsync();
        await client.HelloAsync();

        // Nobody is left to say goodbye for the connections: each says its own as the host stops.
        await host.Services.GetRequiredService<ActorSystem>().Terminate();
        await host.StopAsync();

        Assert.Equal(ErrorCodes.ShuttingDown, (await client.ExpectAsync<Bye>()).Code);
        Assert.True(await client.ClosedByHostAsync());
    }

    [Fact]
    public async Task Logging_out_and_stopping_leave_no_dead_letters_in_the_log()
    {
        // Issue 18, list item 11: every logout and shutdown logged an Akka dead letter (the
        // last-seen write's completion reaching a user actor that had already stopped).
        var log = new CapturedLog();
        await using var host = await TestHost.StartAsync(logging: log.AttachTo);
        await using (var anonymous = await host.ConnectAsync())
        {
            await anonymous.HelloAsync();
            await anonymous.RequestAsync(new Register("alice", "password1"));
            await anonymous.RequestAsync(new Register("bob", "password1"));
        }
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password1");
        for (var round = 0; round < 3; round++)
        {
            await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
            Assert.IsType<Ok>(await alice.RequestAsync(new Logout()));
            // The last-seen time is stored once alice is offline: whois shows it.
            await Retry.UntilItPassesAsync(async () =>
            {
                var whois = Assert.IsType<WhoisInfo>(await bob.RequestAsync(new Whois("alice")));
                Assert.False(whois.Online);
                Assert.NotNull(whois.Since);
            });
        }

        await host.StopAsync();

        Assert.Contains(log.Lines, line => line.Contains("alice logged in"));
        var deadLetters = log.Lines.Where(line => line.Contains("dead letters encountered")).ToList();
        if (deadLetters.Count > 0)
            Assert.Fail(string.Join("\n", deadLetters));
    }
}
