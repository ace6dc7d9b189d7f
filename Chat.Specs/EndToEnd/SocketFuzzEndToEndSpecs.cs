using System.Net.Sockets;
using System.Text;
using Chat.Protocol;
using Chat.Specs.Protocol;
using Chat.Specs.Support;
using CsCheck;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// A bounded fuzz run against the real host: several connections pour random bytes and broken
/// frames in for a few seconds while two users chat. The chat goes on, the host keeps serving,
/// and its memory comes back down.
/// </summary>
public sealed class SocketFuzzEndToEndSpecs
{
    private static readonly TimeSpan FuzzFor = TimeSpan.FromSeconds(2.5);
    private const int FuzzConnections = 4;
    private const long MemoryGrowthLimit = 256L * 1024 * 1024;

    [Fact]
    public async Task Garbage_from_several_connections_does_not_stop_the_chat_crash_the_host_or_pile_up_memory()
    {
        await using var host = await TestHost.StartAsync(extraConfig: "chat.protocol.max-line-bytes = 2048");
        await using (var registrar = await host.ConnectAsync())
        {
            await registrar.HelloAsync();
            await registrar.RequestAsync(new Register("alice", "password1"));
            await registrar.RequestAsync(new Register("bob", "password1"));
        }
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password1");
        // Bob is in the lobby before alice speaks: what she says reaches him live, not in his page.
        await bob.WaitForAsync<HistoryPage>(page => page.Room == RoomNames.Lobby);
        var memoryBefore = SettledMemory();

        using var stop = new CancellationTokenSource(FuzzFor);
        var fuzzing = Enumerable.Range(0, FuzzConnections).Select(_ => Task.Run(() => FuzzUntilAsync(host, stop.Token))).ToArray();
        var said = new List<long>();
        while (!stop.IsCancellationRequested)
            said.Add(Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", $"still here {said.Count}"))).Seq!.Value);
        var linesSent = (await Task.WhenAll(fuzzing)).Sum();

        foreach (var seq in said)
            await bob.ExpectAsync<ChatMessage>(m => m.Seq == seq && m.User == "alice");
        await using var newcomer = await RawClient.LoggedInAsync(host, "bob", "password1");
        Assert.IsType<Ok>(await newcomer.RequestAsync(new Say("lobby", "and a new connection works")));
        Assert.True(linesSent > 1000, $"only {linesSent} garbage lines were sent");
        Assert.NotEmpty(said);
        Assert.InRange(SettledMemory() - memoryBefore, long.MinValue, MemoryGrowthLimit);
    }

    [Fact]
    public async Task Frames_sent_one_byte_at_a_time_are_read_whole()
    {
        await using var host = await TestHost.StartAsync();
        await using var client = await host.ConnectAsync();
        var frames = Encoding.UTF8.GetBytes("{\"type\":\"hello\",\"protocol\":1,\"id\":1}\r\n{\"type\":\"register\",\"user\":\"z\u00f6e\",\"password\":\"p\u00e4ssword\",\"id\":2}\n{\"type\":\"ping\",\"id\":3}\n");

        foreach (var b in frames)
            await client.SendBytesAsync([b]);

        Assert.IsType<Welcome>(await client.ExpectAsync<Reply>(r => r.Re == RequestId.FromNumber(1)));
        Assert.Equal(ErrorCodes.BadName, (await client.ExpectAsync<ErrorReply>(r => r.Re == RequestId.FromNumber(2))).Code);
        Assert.IsType<Pong>(await client.ExpectAsync<Reply>(r => r.Re == RequestId.FromNumber(3)));
    }

    /// <summary>One garbage connection after another until time is up; returns how many lines went out.</summary>
    private static async Task<int> FuzzUntilAsync(TestHost host, CancellationToken stop)
    {
        var random = new Random();
        var lines = 0;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(host.Endpoint, stop);
                // Half the connections say hello first, so the garbage reaches the later phases too.
                if (random.Next(2) == 0)
                    await socket.SendAsync("{\"type\":\"hello\",\"protocol\":1}\n"u8.ToArray(), stop);
                for (var burst = 0; burst < 200 && !stop.IsCancellationRequested; burst++, lines++)
                    await socket.SendAsync(Garbage(random), stop);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
            {
                // The host closed this one (flooding, a full outbound queue) or time is up: next.
            }
        }
        return lines;
    }

    private static byte[] Garbage(Random random) => random.Next(5) switch
    {
        0 => WireGenerators.Bytes.Single(),
        1 => Encoding.UTF8.GetBytes(WireGenerators.NearFrame.Single() + "\n"),
        2 => Encoding.UTF8.GetBytes(WireGenerators.DeepNesting.Single() + "\n"),
        3 => [.. Encoding.UTF8.GetBytes("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"" + new string('x', random.Next(4000))), 0xF0, 0x9F, (byte)'\n'],
        _ => Encoding.UTF8.GetBytes(WireGenerators.NearFrame.Single())[..^random.Next(1, 4)],
    };

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
