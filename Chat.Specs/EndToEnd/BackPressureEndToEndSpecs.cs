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

    /// <summary>What the host's transport reports of the connections with the given bound (counts, not timings).</summary>
    private sealed class InboundMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly int _bound;
        private int _mostInFlight;
        private long _readPauses;

        public InboundMeasurements(int bound)
        {
            _bound = bound;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ChatMetrics.MeterName && instrument.Name is "inbound.in_flight" or "inbound.read_pauses")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
            {
                if (IsOurs(tags))
                    InterlockedMax(value);
            });
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                if (IsOurs(tags))
                    Interlocked.Add(ref _readPauses, value);
            });
            _listener.Start();
        }

        public int MostInFlight => Volatile.Read(ref _mostInFlight);
        public long ReadPauses => Interlocked.Read(ref _readPauses);

        private bool IsOurs(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
                if (tag.Key == "bound" && tag.Value is int bound && bound == _bound)
                    return true;
            return false;
        }

        private void InterlockedMax(int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref _mostInFlight)) && Interlocked.CompareExchange(ref _mostInFlight, value, seen) != seen)
            {
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
