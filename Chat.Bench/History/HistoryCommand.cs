using System.Diagnostics;
using Chat.Actors.Storage;
using Chat.Host.Storage;

namespace Chat.Bench.History;

/// <summary>
/// How long the newest page of a room's history takes when the room holds a million messages:
/// fills a real SQLite store through IChatStore (group commit), then times page reads.
/// </summary>
public static class HistoryCommand
{
    private const string Usage = """
        usage: Chat.Bench history [--messages N] [--page N] [--reads N] [--data DIR]
          --messages N   messages in the measured room (default 1000000)
          --page N       messages per page (default 50)
          --reads N      page reads timed per kind (default 2000)
          --data DIR     keep the database here (default: a temp directory, deleted afterwards)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var messages = IntOption(args, "--messages", 1_000_000);
        var page = IntOption(args, "--page", 50);
        var reads = IntOption(args, "--reads", 2000);
        var keep = Option(args, "--data");
        var directory = keep ?? Directory.CreateTempSubdirectory("chat-history-bench-").FullName;
        try
        {
            await using var store = await SqliteChatStore.OpenAsync(directory);
            var fill = Stopwatch.StartNew();
            var already = await store.LastRoomSeqAsync("big");
            await FillAsync(store, "big", already, messages);
            await FillAsync(store, "small", await store.LastRoomSeqAsync("small"), 100);
            Console.WriteLine($"filled: room \"big\" holds {messages:N0} messages (+{messages - already:N0} written in {fill.Elapsed.TotalSeconds:F1} s), room \"small\" 100");

            await TimeAsync("newest page, 1M-message room", reads, () => store.RoomMessagesBeforeAsync("big", long.MaxValue, page));
            var random = new Random(42);
            await TimeAsync("random older page, 1M-message room", reads, () => store.RoomMessagesBeforeAsync("big", random.NextInt64(page + 1, messages), page));
            await TimeAsync("newest page, 100-message room", reads, () => store.RoomMessagesBeforeAsync("small", long.MaxValue, page));
            return 0;
        }
        finally
        {
            if (keep is null)
                Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task FillAsync(IChatStore store, string room, long from, int upTo)
    {
        const int window = 4096;
        var ts = DateTime.UtcNow;
        var pending = new List<Task>(window);
        for (var seq = from + 1; seq <= upTo; seq++)
        {
            pending.Add(store.AppendRoomMessageAsync(new RoomMessageRecord(room, seq, "bench", "bench", $"message {seq} with some ordinary chat-length text in it", ts)));
            if (pending.Count == window)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending);
    }

    private static async Task TimeAsync(string what, int reads, Func<Task<IReadOnlyList<RoomMessageRecord>>> read)
    {
        for (var i = 0; i < 50; i++)
            await read();
        var samples = new double[reads];
        for (var i = 0; i < reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var rows = await read();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (rows.Count == 0)
                throw new InvalidOperationException($"{what}: an empty page");
        }
        Array.Sort(samples);
        Console.WriteLine($"{what,-38} p50 {At(samples, 0.50):F3} ms  p99 {At(samples, 0.99):F3} ms  max {samples[^1]:F3} ms  ({reads} reads)");
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
