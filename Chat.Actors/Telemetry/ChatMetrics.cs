using System.Diagnostics;
using System.Diagnostics.Metrics;
using Chat.Protocol;

namespace Chat.Actors.Telemetry;

/// <summary>
/// Every instrument the chat reports, defined once. The sites make one call each; the host's
/// metrics listener (off by default) exports whatever this meter records in the Prometheus format.
/// Instruments cost next to nothing while nobody listens, so the sites call them unconditionally.
/// </summary>
/// <remarks>
/// Process-wide on purpose: one host is one process, and a <see cref="Meter"/> is the platform's
/// unit of publication. Durations are in seconds, the Prometheus convention. Exported names are
/// the meter's and the instrument's: "chat" + "connections.open" is chat_connections_open.
/// </remarks>
public static class ChatMetrics
{
    public const string MeterName = "Chat";

    private static readonly Meter Meter = new(MeterName);

    // The two "now" figures are observed, not counted: an up-down counter only sums what happened
    // while a listener was attached, so one that starts after connections opened would read
    // negative once they close. These read the process's true figure whenever scraped.
    private static long _openConnections;
    private static long _queuedBytes;

    public static readonly ObservableUpDownCounter<long> OpenConnections =
        Meter.CreateObservableUpDownCounter("connections.open", () => Interlocked.Read(ref _openConnections), "{connection}", "Client connections open now");

    public static readonly Counter<long> RefusedConnections =
        Meter.CreateCounter<long>("connections.refused", "{connection}", "Connections refused by the connection caps");

    public static readonly Counter<long> Logins =
        Meter.CreateCounter<long>("logins", "{login}", "Password logins by outcome (ok or the error code)");

    public static readonly Counter<long> FramesReceived =
        Meter.CreateCounter<long>("frames.received", "{frame}", "Frames read from clients");

    public static readonly Counter<long> MessagesReceived =
        Meter.CreateCounter<long>("messages.received", "{message}", "Room messages and direct messages sent by clients");

    public static readonly Counter<long> MessagesDelivered =
        Meter.CreateCounter<long>("messages.delivered", "{message}", "Room messages written to member connections (one per message per connection)");

    public static readonly Counter<long> WritesQueued =
        Meter.CreateCounter<long>("outbound.writes", "{write}", "Writes queued to client connections (a fan-out batch is one)");

    public static readonly Counter<long> BytesQueued =
        Meter.CreateCounter<long>("outbound.bytes", "By", "Bytes queued to client connections");

    public static readonly ObservableUpDownCounter<long> QueuedBytes =
        Meter.CreateObservableUpDownCounter("outbound.queued_bytes", () => Interlocked.Read(ref _queuedBytes), "By", "Bytes waiting in connections' outbound queues now");

    public static void ConnectionOpened() => Interlocked.Increment(ref _openConnections);

    public static void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    /// <summary>Bytes left a connection's outbound queue (written, or dropped with the connection).</summary>
    public static void Dequeued(long bytes) => Interlocked.Add(ref _queuedBytes, -bytes);

    public static readonly Histogram<double> FanOutDuration =
        Meter.CreateHistogram<double>("fanout.duration", "s", "Time from a node receiving a room's fan-out batch until it wrote it to all the room's members there");

    public static readonly Histogram<double> StoreCommitDuration =
        Meter.CreateHistogram<double>("store.commit.duration", "s", "Time one group commit (a transaction of pending writes) takes");

    private static readonly Counter<long> StoreWritesWaited =
        Meter.CreateCounter<long>("store.write_queue.waited", "{write}", "Writes that found the store's write queue full and waited for room (pushed back, not refused), by capacity");

    public static void StoreWriteWaited(int capacity) => StoreWritesWaited.Add(1, new KeyValuePair<string, object?>("capacity", capacity));

    public static readonly Counter<long> Floods =
        Meter.CreateCounter<long>("flood", "{event}", "Lines and requests over the flood limits, by scope (connection, user) and outcome (refused, disconnected)");

    public static readonly Counter<long> LinesHeld =
        Meter.CreateCounter<long>("inbound.held", "{line}", "Lines held to go on later (fakelag), by scope: over a connection's allowance, or over the user's (account), which all their connections share");

    /// <summary>A line held for later: <paramref name="scope"/> "connection" or "account".</summary>
    public static void Held(string scope) => LinesHeld.Add(1, new KeyValuePair<string, object?>("scope", scope));

    public static readonly Counter<long> ReadPauses =
        Meter.CreateCounter<long>("inbound.read_pauses", "{pause}", "Times a connection was not read because its chat lines in flight, or (IRC) its held lines, reached their bound, by bound");

    public static readonly Histogram<int> ChatLinesInFlight =
        Meter.CreateHistogram<int>("inbound.in_flight", "{line}", "Chat lines of the connection in flight (read, not yet answered), recorded as each goes on to its session, by bound");

    public static void ReadPaused(int bound) => ReadPauses.Add(1, new KeyValuePair<string, object?>("bound", bound));

    public static void InFlight(int lines, int bound) => ChatLinesInFlight.Record(lines, new KeyValuePair<string, object?>("bound", bound));

    public static readonly Counter<long> Throttled =
        Meter.CreateCounter<long>("throttled", "{event}", "Logins and registrations refused by the abuse throttles, by kind");

    public static void Login(string kind, string outcome) =>
        Logins.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public static void Flood(string scope, bool disconnected) =>
        Floods.Add(1, new KeyValuePair<string, object?>("scope", scope), new KeyValuePair<string, object?>("outcome", disconnected ? "disconnected" : "refused"));

    public static void Throttle(string kind) => Throttled.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>A frame read from a client (or a line refused before it became one).</summary>
    public static void CountReceived(object frameOrRejection)
    {
        FramesReceived.Add(1);
        if (frameOrRejection is Say or SendDirect)
            MessagesReceived.Add(1);
    }

    /// <summary>Bytes put in a connection's outbound queue; the writer hands them back through <see cref="Dequeued"/> once written.</summary>
    public static void Queued(int bytes)
    {
        WritesQueued.Add(1);
        BytesQueued.Add(bytes);
        Interlocked.Add(ref _queuedBytes, bytes);
    }

    /// <summary>A room sent a batch of <paramref name="messages"/> to <paramref name="connections"/> member connections.</summary>
    public static void FanOutSent(int messages, int connections) => MessagesDelivered.Add((long)messages * connections);

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void RecordSince(this Histogram<double> histogram, long startTimestamp) =>
        histogram.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
}
