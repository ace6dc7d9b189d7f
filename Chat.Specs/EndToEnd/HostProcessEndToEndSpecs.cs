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
    private const int InFlightPerWriter = 8;
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

    private sealed record Acknowledged(string Text, long Seq);

    [Fact]
    public async Task After_kill_9_every_acknowledged_message_is_stored_once_and_in_order()
    {
        await using (var host = await HostProcess.StartAsync(_data, _config))
        {
            var writers = new List<RawClient>();
            for (var w = 0; w < Writers; w++)
                writers.Add(await RegisteredAsync(host, $"writer{w}"));
            var writing = writers.Select((client, w) => WriteUntilCutOffAsync(client, $"w{w}")).ToArray();

            // Kill mid-stream: once plenty is acknowledged, with every writer still sending.
            await Retry.UntilItPassesAsync(() =>
            {
                Assert.True(Volatile.Read(ref _acknowledgedCount) >= 300);
                return Task.CompletedTask;
            });
            await host.KillAsync();
            var acknowledged = (await Task.WhenAll(writing)).SelectMany(a => a).ToList();
            foreach (var writer in writers)
                await writer.DisposeAsync();

            Assert.True(acknowledged.Count >= 300, host.Output);
            AssertInHistoryOnceInOrder(acknowledged, await RestartSayAndReadHistoryAsync());
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
        Assert.Equal("before the stop", (await store.RoomMessagesBeforeAsync("lobby", long.MaxValue, 10)).Single().Text);
    }

    private int _acknowledgedCount;

    private async Task<List<Acknowledged>> WriteUntilCutOffAsync(RawClient client, string writer)
    {
        var acknowledged = new List<Acknowledged>();
        var inFlight = new Queue<(RequestId Id, string Text)>();
        try
        {
            // Bounded only so that a host that never dies cannot hang the run.
            for (var n = 0; n < 1_000_000; n++)
            {
                var text = $"{writer}-{n}";
                inFlight.Enqueue((await client.SendAsync(new Say("lobby", text)), text));
                if (inFlight.Count < InFlightPerWriter)
                    continue;
                var (id, sent) = inFlight.Dequeue();
                var ok = Assert.IsType<Ok>(await client.ExpectReplyAsync(id));
                acknowledged.Add(new Acknowledged(sent, ok.Seq!.Value));
                Interlocked.Increment(ref _acknowledgedCount);
            }
        }
        catch (Exception e) when (e is IOException or Xunit.Sdk.XunitException or ObjectDisposedException or OperationCanceledException)
        {
            // The host died under us: what was acknowledged until now is what must have survived.
        }
        return acknowledged;
    }

    /// <summary>Restarts the host on the same data, says one more message, reads the lobby's whole history over the protocol, stops the host.</summary>
    private async Task<List<ChatMessage>> RestartSayAndReadHistoryAsync()
    {
        await using var host = await HostProcess.StartAsync(_data, _config);
        await using var client = await host.ConnectAsync();
        await client.HelloAsync();
        await client.RequestAsync(new Login("writer0", "password1"));
        await client.RequestAsync(new Say("lobby", "after the crash"));
        var history = new List<ChatMessage>();
        for (long? before = null; ;)
        {
            var page = Assert.IsType<HistoryPage>(await client.RequestAsync(new HistoryRequest(Room: "lobby", Before: before, Limit: 200)));
            history.InsertRange(0, page.Messages.Cast<ChatMessage>());
            if (page.Complete || page.Messages.Count == 0)
                break;
            before = history[0].Seq;
        }
        Assert.Equal(0, await host.TerminateAsync(TimeSpan.FromSeconds(20)));
        return history;
    }

    private static void AssertInHistoryOnceInOrder(List<Acknowledged> acknowledged, List<ChatMessage> history)
    {
        var bySeq = history.ToDictionary(m => m.Seq, m => m.Text);

        Assert.Equal(history.Count, history.Select(m => m.Text).Distinct().Count());
        Assert.Equal(history.Select(m => m.Seq).Order(), history.Select(m => m.Seq));
        Assert.All(acknowledged, a => Assert.Equal(a.Text, bySeq.GetValueOrDefault(a.Seq)));
        foreach (var writer in acknowledged.GroupBy(a => a.Text.Split('-')[0]))
            Assert.Equal(writer.Select(a => a.Seq).Order(), writer.Select(a => a.Seq));
        Assert.Equal("after the crash", history[^1].Text);
        Assert.True(history[^1].Seq > acknowledged.Max(a => a.Seq));
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
