using System.Net;
using System.Net.Sockets;
using System.Text;
using Chat.Bench.Load;

namespace Chat.Specs.Bench;

/// <summary>
/// The generator's receive path on a real loopback socket, against a scripted server: lines
/// longer than the starting buffer and lines split across reads are each counted once, in order.
/// </summary>
public sealed class LoadClientSpecs
{
    private const string User = "b0003";

    [Fact]
    public async Task A_line_longer_than_the_starting_buffer_and_split_across_writes_is_one_delivery()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var tracker = new DeliveryTracker();
        var phase = tracker.StartPhase(firstCounter: 0, endCounter: 10);
        using var client = new LoadClient(3, User, new ChatDialect(new LoadOptions().Layout, resumeTokens: null), tracker, senders: 1);

        var joining = client.ConnectAndJoinAsync(listener.LocalEndpoint, "benchpass1", TimeSpan.FromSeconds(60), CancellationToken.None);
        using var server = await listener.AcceptSocketAsync();
        await ReadGreetingAsync(server);
        await server.SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":\"joined\",\"room\":\"lobby\",\"user\":\"{User}\"}}\n"));
        await joining;

        var longLine = Encoding.UTF8.GetBytes($"{{\"type\":\"message\",\"room\":\"lobby\",\"text\":\"b:0:5:0\",\"pad\":\"{new string('x', 100_000)}\"}}\n");
        var shortLine = "{\"type\":\"message\",\"room\":\"lobby\",\"text\":\"b:0:6:0\"}\n"u8.ToArray();
        var stream = longLine.Concat(shortLine).ToArray();
        for (var at = 0; at < stream.Length; at += 7_000)
            await server.SendAsync(stream.AsMemory(at, Math.Min(7_000, stream.Length - at)));

        var until = DateTime.UtcNow.AddSeconds(60);
        while (phase.DeliveredSoFar() < 2 && DateTime.UtcNow < until)
            await Task.Delay(10);
        var totals = phase.Totals();
        Assert.Equal(2, totals.Delivered);
        Assert.Equal(0, totals.OutOfOrder);
        Assert.False(client.IsClosed);
    }

    /// <summary>Reads the client's greeting: hello and login, two lines.</summary>
    private static async Task ReadGreetingAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var received = 0;
        while (buffer.AsSpan(0, received).Count((byte)'\n') < 2)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None);
            Assert.True(n > 0, "the client closed before its greeting");
            received += n;
        }
    }
}
