using System.Diagnostics;
using System.Globalization;
using Chat.Actors.Storage;
using Chat.Host.Storage;
using HdrHistogram;

namespace Chat.Bench.Load;

/// <summary>
/// Durable throughput: the host's real <see cref="SqliteChatStore"/> (WAL, synchronous=FULL,
/// group commit), driven in process by many concurrent appenders the way room actors drive it:
/// each appender keeps one message in flight and sends the next when the last one committed.
/// No sockets and no actors: this is the store's ceiling, which the host can only approach.
/// </summary>
internal static class DurableCommand
{
    public const string Usage = """
          --writers W     appenders with one message in flight each (512)
          --duration SEC  measured appending (10)
          --rooms N       rooms the messages are spread over (1)
          --data DIR      where chat.db goes (a fresh temp directory, removed afterwards)
          --json          print the result as JSON
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new BenchArguments(args);
        if (arguments.Flag("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var writers = arguments.Int("writers", 512);
        var duration = TimeSpan.FromSeconds(arguments.Double("duration", 10));
        var rooms = arguments.Int("rooms", 1);
        var given = arguments.Optional("data");
        var json = arguments.Flag("json");
        arguments.RejectUnknown();

        var data = given ?? Directory.CreateTempSubdirectory("chat-bench-durable-").FullName;
        try
        {
            var figures = await MeasureAsync(data, writers, rooms, duration);
            Console.WriteLine(json
                ? System.Text.Json.JsonSerializer.Serialize(figures, DurableJson.Default.DurableFigures)
                : string.Create(CultureInfo.InvariantCulture,
                    $"durable: {figures.Committed} room messages committed in {figures.Seconds:F1} s = {figures.CommitsPerSecond:F0}/s " +
                    $"({figures.Writers} writers, {figures.Rooms} rooms, {figures.Batches} transactions, {figures.Committed / (double)Math.Max(1, figures.Batches):F0} per commit), " +
                    $"commit latency ms p50 {figures.P50Ms:F1} p99 {figures.P99Ms:F1} max {figures.MaxMs:F1}, process CPU {figures.CpuSeconds:F1} s"));
        }
        finally
        {
            if (given is null)
                Directory.Delete(data, recursive: true);
        }
        return 0;
    }

    private static async Task<DurableFigures> MeasureAsync(string data, int writers, int rooms, TimeSpan duration)
    {
        await using var store = await SqliteChatStore.OpenAsync(data);
        var seqs = new long[rooms];
        for (var r = 0; r < rooms; r++)
            seqs[r] = await store.LastRoomSeqAsync(RoomName(r));
        var latency = new LongConcurrentHistogram(1, 60_000_000, 3);
        var batchesBefore = store.Writer.CommittedBatches;
        var cpuBefore = ProcessStats.OwnCpuSeconds();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        long committed = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var room = w % rooms;
            while (Stopwatch.GetTimestamp() < until)
            {
                var seq = Interlocked.Increment(ref seqs[room]);
                var sent = Stopwatch.GetTimestamp();
                await store.AppendRoomMessageAsync(new RoomMessageRecord(RoomName(room), seq, $"w{w}", $"w{w}", $"durable bench message {seq}", DateTime.UtcNow));
                latency.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(sent).TotalMicroseconds));
                Interlocked.Increment(ref committed);
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new DurableFigures(writers, rooms, committed, seconds, committed / seconds, store.Writer.CommittedBatches - batchesBefore,
            latency.GetValueAtPercentile(50) / 1000.0, latency.GetValueAtPercentile(99) / 1000.0, latency.GetMaxValue() / 1000.0,
            ProcessStats.OwnCpuSeconds() - cpuBefore);
    }

    private static string RoomName(int room) => room == 0 ? "lobby" : $"room{room}";
}

internal sealed record DurableFigures(int Writers, int Rooms, long Committed, double Seconds, double CommitsPerSecond, long Batches,
    double P50Ms, double P99Ms, double MaxMs, double CpuSeconds);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true,
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(DurableFigures))]
internal sealed partial class DurableJson : System.Text.Json.Serialization.JsonSerializerContext;
