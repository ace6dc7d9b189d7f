using Chat.Protocol;
using Chat.Host.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// The host as its own process: killed with kill -9 while clients write as fast as they can, it
/// comes back with every acknowledged message, in order, once; stopped with SIGTERM, it tells its
/// clients and exits 0.
/// </summary>
public sealed class HostProcessEndToEndSpecs : IDisposable
{
    private const int Writers = 3;
    private readonly AcknowledgedWrites _writes = new("lobby");
    private readonly TempDirectory _dir = new();
    private readonly string _data;
    private readonly string _config;

    public HostProcessEndToEndSpecs()
    {
        _data = Path.Combine(_dir.Path, "data");
        _config = Path.Combine(_dir.Path, "specs.conf");
        File.WriteAllText(_config, TestHost.FastHashing + "\n" + TestHost.ScriptedClientAllowance + "\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task After_kill_9_every_acknowledged_message_is_stored_once_and_in_order()
    {
        await using (var host = await HostProcess.StartAsync(_data, _config))
        {
            var writers = new List<RawClient>();
            for (var w = 0; w < Writers; w++)
                writers.Add(await RegisteredAsync(host, $"writer{w}"));
            var writing = writers.Select((client, w) => _writes.WriteUntilCutOffAsync(client, $"w{w}")).ToArray();

            // Kill mid-stream: once plenty is acknowledged, with every writer still sending.
            await _writes.UntilAcknowledgedAsync(300);
            await host.KillAsync();
            var acknowledged = (await Task.WhenAll(writing)).SelectMany(a => a).ToList();
            foreach (var writer in writers)
                await writer.DisposeAsync();

            Assert.True(acknowledged.Count >= 300, host.Output);
            AcknowledgedWrites.AssertInHistoryOnceInOrder(acknowledged, await RestartSayAndReadHistoryAsync(), "after the crash");
        }
    }

    [Fact]
    public async Task Sigterm_tells_connected_clients_and_exits_0()
    {
        await using var host = await HostProcess.StartAsync(_data, _config);
        await using var alice = await RegisteredAsync(host, "alice");
        await alice.RequestAsync(new Say("lobby", "before the stop"));

        var exitCode = await host.TerminateAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, exitCode);
        Assert.Equal(ErrorCodes.ShuttingDown, (await alice.ExpectAsync<Bye>()).Code);
        Assert.True(await alice.ClosedByHostAsync());
        await using var store = await SqliteChatStore.OpenAsync(_data);
        Assert.Equal("before the stop", (await store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10)).Single(m => m.Event is null).Text);
    }

    /// <summary>Restarts the host on the same data, says one more message, reads the lobby's whole history over the protocol, stops the host.</summary>
    private async Task<List<ChatMessage>> RestartSayAndReadHistoryAsync()
    {
        await using var host = await HostProcess.StartAsync(_data, _config);
        await using var client = await host.ConnectAsync();
        await client.HelloAsync();
        await client.RequestAsync(new Login("writer0", "password1"));
        await client.RequestAsync(new Say("lobby", "after the crash"));
        var history = await _writes.HistoryAsync(client);
        Assert.Equal(0, await host.TerminateAsync(TimeSpan.FromSeconds(20)));
        return history;
    }

    private static async Task<RawClient> RegisteredAsync(HostProcess host, string user)
    {
        var client = await host.ConnectAsync();
        await client.HelloAsync();
        await client.RequestAsync(new Register(user, "password1"));
        Assert.IsType<Ok>(await client.RequestAsync(new Login(user, "password1")));
        return client;
    }
}
