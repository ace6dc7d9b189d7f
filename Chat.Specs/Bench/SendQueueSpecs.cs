using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Chat.Bench.Load;

namespace Chat.Specs.Bench;

/// <summary>
/// The generator's senders stay open-loop: queuing a line never waits for the server, even a
/// server that reads nothing, and what was queued arrives whole and in order once it reads.
/// Real loopback sockets; the kernel's buffers hold a few MiB, the specs queue far more.
/// </summary>
public sealed class SendQueueSpecs
{
    private const int Lines = 20_000;
    private const int LineBytes = 1000;

    [Fact]
    public async Task Lines_for_a_server_that_does_not_read_are_queued_without_waiting_and_arrive_in_order_once_it_reads()
    {
        var (client, server) = await LoopbackPairAsync();
        using var clientSide = client;
        using var serverSide = server;
        var sent = new List<long>();
        var queue = new SendQueue(client, reason => throw new InvalidOperationException(reason))
        {
            OnLineSent = (counter, _) => { lock (sent) sent.Add(counter); },
        };

        // 20 MB: a queue that waited for the kernel would never return while nobody reads.
        await Task.Run(() =>
        {
            for (var i = 0; i < Lines; i++)
                queue.AddScheduled(LineOf(i), i, Stopwatch.GetTimestamp());
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var lagWhileUnread = queue.CurrentLag();

        var received = await ReadAllAsync(server, Lines * LineBytes);

        Assert.True(lagWhileUnread > TimeSpan.Zero, "lines were waiting while the server did not read");
        for (var i = 0; i < Lines; i++)
            Assert.True(received.AsSpan(i * LineBytes, LineBytes).SequenceEqual(LineOf(i)), $"line {i} arrived whole and in its place");
        await WaitForAsync(() => { lock (sent) return sent.Count == Lines; });
        lock (sent)
            Assert.Equal(Enumerable.Range(0, Lines).Select(i => (long)i), sent);
        Assert.Equal(TimeSpan.Zero, queue.CurrentLag());
    }

    [Fact]
    public async Task A_closed_queue_sends_nothing_more()
    {
        var (client, server) = await LoopbackPairAsync();
        using var clientSide = client;
        using var serverSide = server;
        var queue = new SendQueue(client, _ => { });

        queue.Add("first\n"u8);
        var first = await ReadAllAsync(server, "first\n".Length);
        queue.Close();
        queue.Add("after close\n"u8);
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal("first\n", System.Text.Encoding.ASCII.GetString(first));
        Assert.Empty(await ReadAllAsync(server, int.MaxValue));
    }

    private static async Task<(Socket Client, Socket Server)> LoopbackPairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndpoint);
        return (client, await listener.AcceptSocketAsync());
    }

    private static byte[] LineOf(int i)
    {
        var line = new byte[LineBytes];
        line.AsSpan().Fill((byte)('a' + i % 26));
        BitConverter.TryWriteBytes(line, i);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Reads until <paramref name="expected"/> bytes or the end of the stream.</summary>
    private static async Task<byte[]> ReadAllAsync(Socket socket, int expected)
    {
        var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (all.Length < expected)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(60));
            if (n == 0)
                break;
            all.Write(buffer, 0, n);
        }
        return all.ToArray();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not come true within a minute");
            await Task.Delay(10);
        }
    }
}
