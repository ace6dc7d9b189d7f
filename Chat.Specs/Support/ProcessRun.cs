using System.Diagnostics;

namespace Chat.Specs.Support;

/// <summary>What a command printed and how it ended.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>The output, or an exception naming the command and what it said on failure.</summary>
    public string OutputOrThrow(string what) =>
        ExitCode == 0 ? Output : throw new InvalidOperationException($"{what} failed ({ExitCode}):\n{Output}\n{Error}");
}

/// <summary>Runs a command to its end (bounded in time) and collects what it printed.</summary>
public static class ProcessRun
{
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, TimeSpan? patience = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(patience ?? TimeSpan.FromSeconds(30));
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
