using System.Diagnostics.Metrics;
using System.Text;
using Chat.Actors.Telemetry;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// Back-pressure from socket to socket: a sender that writes far faster than the host commits is
/// not read past its bound of chat lines in flight (TCP holds the rest), while a member that
/// reads gets every acknowledged line, in order, and is never cut off.
/// </summary>
public sealed class BackPressureEndToEndSpecs
{
    // A bound no other spec uses: the metrics are process-wide, and are told apart by it.
    private const int Bound = 7;
    private const int Lines = 5000;

    [Fact]
    public async Task A_sender_of_five_thousand_lines_that_reads_nothing_is_read_no_further_than_its_bound_and_a_reader_gets_every_line_in_order()
    {
        using var inbound = new InboundMeasurements(Bound);
        // The sender reads nothing until it has written everything: its own echoes and acks (about
        // 1 MB) wait for it in the socket's buffers and its outbound queue, so it is slowed, not cut off.
        await using var host = await TestHost.StartAsync(extraConfig: $"chat.session.in-flight-chat-lines = {Bound}");
        await using (var registrar = await host.ConnectAsync())
        {
            await registrar.HelloAsync();
            await registrar.RequestAsync(new Register("alice", "password1"));
            await registrar.RequestAsync(new Register("bob", "password1"));
        }
        await using var alice = await RawClient.LoggedInAsync(host, "alice", "password1");
        await using var bob = await RawClient.LoggedInAsync(host, "bob", "password1");
        await alice.ExpectAsync<Joined>(j => j.User == "bob");

        var flood = new StringBuilder();
        for (var i = 0; i < Lines; i++)
            flood.Append($$"""{"type":"say","room":"lobby","text":"line {{i}}","id":"s{{i}}"}""").Append('\n');
        var sending = alice.SendBytesAsync(Encoding.UTF8.GetBytes(flood.ToString()));

        for (var i = 0; i < Lines; i++)
            Assert.Equal($"line {i}", (await bob.ExpectAsync<ChatMessage>(m => m.User == "alice")).Text);
        await sending;
        for (var i = 0; i < Lines; i++)
            Assert.IsType<Ok>(await alice.ExpectReplyAsync(RequestId.FromString($"s{i}")));

        // The host held at most the bound of alice's lines at once, reached it, and then stopped reading her.
        Assert.Equal(Bound, inbound.MostInFlight);
        Assert.True(inbound.ReadPauses > 0);
        Assert.Null(bob.TryTake<Bye>());
        Assert.IsType<Pong>(await bob.RequestAsync(new Ping()));
    }

    [Fact]
    public async Task Senders_behind_a_full_store_queue_wait_unrefused_each_read_no_further_than_its_bound_and_a_reader_gets_every_line_in_order()
    {
        const int senders = 4, linesEach = 100, inFlight = 3, storeQueue = 2;
        using var inbound = new InboundMeasurements(inFlight);
        using var waited = new StoreQueueWaits(storeQueue);
        await using var host = await TestHost.StartAsync(extraConfig: $"chat.session.in-flight-chat-lines = {inFlight}\nchat.store.write-queue = {storeQueue}");
        var names = Enumerable.Range(0, senders).Select(i => $"sender{i}").Append("reader").ToList();
        await using (var registrar = await host.ConnectAsync())
        {
            await registrar.HelloAsync();
            foreach (var name in names)
                Assert.IsType<Ok>(await registrar.RequestAsync(new Register(name, "password1")));
        }
        var clients = new List<RawClient>();
        try
        {
            foreach (var name in names)
                clients.Add(await RawClient.LoggedInAsync(host, name, "password1"));
            await SendFromAllAndReadAsync(clients, senders, linesEach);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }

        // The store's queue was full (writes waited for room), no sender was read past its bound,
        // nothing was refused (every line was acknowledged and delivered, above).
        Assert.True(waited.Count > 0, "the store's queue filled");
        Assert.Equal(inFlight, inbound.MostInFlight);
        Assert.True(inbound.ReadPauses > 0);
    }

    /// <summary>Every sender writes all its lines at once, reading nothing; the reader (the last client) gets each sender's lines in order, and every line is acknowledged.</summary>
    private static async Task SendFromAllAndReadAsync(List<RawClient> clients, int senders, int linesEach)
    {
        var reader = clients[^1];

        var sending = clients.Take(senders).Select((client, s) => client.SendBytesAsync(Encoding.UTF8.GetBytes(string.Concat(
            Enumerable.Range(0, linesEach).Select(i => $$"""{"type":"say","room":"lobby","text":"{{s}}:{{i}}","id":"s{{i}}"}""" + "\n"))))).ToList();

        var next = new int[senders];
        for (var received = 0; received < senders * linesEach; received++)
        {
            var message = await reader.ExpectAsync<ChatMessage>(m => m.User.StartsWith("sender", StringComparison.Ordinal));
            var sender = int.Parse(message.User["sender".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"{sender}:{next[sender]}", message.Text);
            next[sender]++;
        }
        await Task.WhenAll(sending);
        foreach (var client in clients.Take(senders))
            for (var i = 0; i < linesEach; i++)
                Assert.IsType<Ok>(await client.ExpectReplyAsync(RequestId.FromString($"s{i}")));
        Assert.Null(reader.TryTake<Bye>());
        Assert.IsType<Pong>(await reader.RequestAsync(new Ping()));
    }

    /// <summary>Writes that found the store's queue of the given capacity full (a count, not a timing).</summary>
    private sealed class StoreQueueWaits : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public StoreQueueWaits(int capacity)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ChatMetrics.MeterName && instrument.Name == "store.write_queue.waited")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "capacity" && tag.Value is int ours && ours == capacity)
                        Interlocked.Add(ref _count, value);
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
