using System.Net.Sockets;
using System.Text;
using Chat.Protocol;
using Chat.Specs.Protocol;
using Chat.Specs.Support;
using CsCheck;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// A bounded fuzz run against the real host: several connections pour a fixed number of lines of
/// random bytes and broken frames in while two users chat. The chat goes on, the host keeps
/// serving, and its memory comes back down.
/// </summary>
/// <remarks>
/// Bounded by counts, not by a clock: a loaded machine takes longer to send the garbage and to
/// answer the chat, and still has to send and answer all of it. Fuzzing for a fixed time sent
/// fewer garbage lines than the spec asked for when the machine was busy, and a chat line queued
/// behind the garbage could wait longer than the suite's usual patience for its answer.
/// </remarks>
public sealed class SocketFuzzEndToEndSpecs
{
    private const int FuzzConnections = 4;
    private const int GarbageLinesPerConnection = 2000;
    /// <summary>Only a host that stopped reading the fuzzers takes this long: the spec fails then, it does not wait forever.</summary>
    private static readonly TimeSpan FuzzPatience = TimeSpan.FromSeconds(120);
    /// <summary>
    /// Alice's lines wait in bob's outbound queue until he reads them after the fuzz: at most this
    /// many, about 60 KiB, stay far below the queue's bound (1 MiB), however fast a machine lets her say them.
    /// </summary>
    private const int MostLinesSaid = 400;
    private static readonly TimeSpan BetweenLinesSaid = TimeSpan.FromMilliseconds(5);
    /// <summary>
    /// How long a chat line may wait for its answer, or for bob to see it, while garbage pours in:
    /// the host reaches it after the garbage queued ahead of it. On an idle machine that took up to
    /// a second; on a loaded one, more than the suite's usual patience. What is checked is that
    /// every line is answered and heard, not how fast.
    /// </summary>
    private static readonly TimeSpan UnderGarbage = TimeSpan.FromSeconds(60);
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

        using var giveUp = new CancellationTokenSource(FuzzPatience);
        var fuzzing = Task.WhenAll(Enumerable.Range(0, FuzzConnections).Select(_ => Task.Run(() => FuzzAsync(host, GarbageLinesPerConnection, giveUp.Token))));
        var said = new List<long>();
        // Alice talks for as long as the garbage pours in, a line at a time.
        do
        {
            said.Add(Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", $"still here {said.Count}"), UnderGarbage)).Seq!.Value);
            await Task.Delay(BetweenLinesSaid);
        }
        while (!fuzzing.IsCompleted && said.Count < MostLinesSaid);
        var linesSent = (await fuzzing).Sum();
        Assert.True(linesSent == FuzzConnections * GarbageLinesPerConnection, $"only {linesSent} garbage lines were sent within {FuzzPatience.TotalSeconds:0} s");

        foreach (var seq in said)
            await bob.ExpectAsync<ChatMessage>(m => m.Seq == seq && m.User == "alice", UnderGarbage);
        await using var newcomer = await RawClient.LoggedInAsync(host, "bob", "password1");
        Assert.IsType<Ok>(await newcomer.RequestAsync(new Say("lobby", "and a new connection works")));
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

    /// <summary>
    /// One garbage connection after another (up to 200 lines each) until <paramref name="lines"/>
    /// lines went out; returns how many did, fewer only when given up on.
    /// </summary>
    private static async Task<int> FuzzAsync(TestHost host, int lines, CancellationToken giveUp)
    {
        var random = new Random();
        var sent = 0;
        while (sent < lines && !giveUp.IsCancellationRequested)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(host.Endpoint, giveUp);
                // Half the connections say hello first, so the garbage reaches the later phases too.
                if (random.Next(2) == 0)
                    await socket.SendAsync("{\"type\":\"hello\",\"protocol\":1}\n"u8.ToArray(), giveUp);
                for (var burst = 0; burst < 200 && sent < lines; burst++, sent++)
                    await socket.SendAsync(Garbage(random), giveUp);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
            {
                // The host closed this one (flooding, a full outbound queue) or it was given up on: next.
            }
        }
        return sent;
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
