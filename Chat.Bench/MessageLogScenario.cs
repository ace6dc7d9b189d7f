using System.Diagnostics;
using Chat.Tui.Session;
using Chat.Tui.Views;

namespace Chat.Bench;

/// <summary>
/// Measures the chat panel's list source the way the client uses it: every line appended as it
/// arrives, and the whole log re-wrapped when the terminal is resized.
/// </summary>
internal static class MessageLogScenario
{
    private const int Appends = 100_000;
    private const int Rewrapped = 10_000;
    private const int Rounds = 5;

    public static int Run(string[] args)
    {
        var lines = MakeLines(Appends);
        Console.WriteLine($"message log: {Appends:N0} appends at width 80, re-wrap of {Rewrapped:N0} from width 80 to 100; best and median of {Rounds} rounds");

        var appendTimes = new List<double>();
        var rewrapTimes = new List<double>();
        var rows = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var source = new MessageLogSource(new ChatPalette(useColor: true));
            source.SetWidth(80);
            var clock = Stopwatch.StartNew();
            foreach (var line in lines)
                source.Append(line);
            appendTimes.Add(clock.Elapsed.TotalMilliseconds);
            rows = source.Count;

            var resized = new MessageLogSource(new ChatPalette(useColor: true));
            resized.SetWidth(80);
            foreach (var line in lines.Take(Rewrapped))
                resized.Append(line);
            clock.Restart();
            resized.SetWidth(100);
            rewrapTimes.Add(clock.Elapsed.TotalMilliseconds);
        }

        Report($"append {Appends:N0}", appendTimes, $"{rows:N0} rows; {Median(appendTimes) * 1000 / Appends:0.00} µs per append");
        Report($"re-wrap {Rewrapped:N0}", rewrapTimes, "");
        return 0;
    }

    private static void Report(string what, List<double> milliseconds, string note) =>
        Console.WriteLine($"  {what,-16} best {milliseconds.Min(),8:0.0} ms   median {Median(milliseconds),8:0.0} ms   {note}");

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Chat-like lines: mostly short ASCII, some long, some with CJK and emoji, from a fixed seed.</summary>
    private static List<ChatLine> MakeLines(int count)
    {
        var random = new Random(20261124);
        string[] words = ["hello", "the", "build", "is", "green", "again", "lunch?", "deploying", "now", "looks", "good", "to", "me", "日本語", "👋🏽", "🎉", "naïve", "café", "https://example.test/a/very/long/path"];
        string[] nicks = ["alice", "bob", "carol", "Dmitri", "Ali🦊", "李雷"];
        var start = new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Local);
        var lines = new List<ChatLine>(count);
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(100) < 90 ? random.Next(3, 15) : random.Next(30, 80);
            var text = string.Join(' ', Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)]));
            var nick = nicks[random.Next(nicks.Length)];
            lines.Add(new ChatLine(start.AddSeconds(i), LineKind.Message, nick, nick, text));
        }
        return lines;
    }
}
