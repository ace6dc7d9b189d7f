using System.Diagnostics;

namespace Chat.Specs.Support;

/// <summary>What runs on this machine, read from /proc: for specs that check nothing is left behind.</summary>
public static class Processes
{
    /// <summary>Pids whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string text) =>
        All().Where(pid => CommandLine(pid).Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>The pid and every descendant of it, parents first.</summary>
    public static IReadOnlyList<int> TreeOf(int root)
    {
        var parents = All().Select(pid => (pid, parent: ParentOf(pid))).ToList();
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
            tree.AddRange(parents.Where(p => p.parent == tree[i]).Select(p => p.pid));
        return tree;
    }

    /// <summary>kill -9, for a process the spec started.</summary>
    public static void Kill(int pid) => Process.GetProcessById(pid).Kill();

    public static string NameOf(int pid) => Read($"/proc/{pid}/comm").Trim();

    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > patience)
                Assert.Fail($"{what} did not happen within {patience.TotalSeconds:0}s");
            await Task.Delay(100);
        }
    }

    private static IEnumerable<int> All() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(name => int.TryParse(name, out var pid) ? pid : 0).Where(pid => pid > 0);

    private static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline").Replace('\0', ' ');

    private static int ParentOf(int pid)
    {
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
        var stat = Read($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && int.TryParse(fields[1], out var parent) ? parent : 0;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ""; // The process ended while we looked.
        }
    }
}
