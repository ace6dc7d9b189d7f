using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Chat.Specs.Support;

/// <summary>
/// The real host as a separate process (the built Chat.Host.dll beside the specs, run with
/// dotnet), for what an in-process host cannot show: kill -9 and SIGTERM.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<IPEndPoint> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => _process = process;

    public IPEndPoint Endpoint => _listening.Task.Result;

    /// <summary>What the host printed so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>What the host printed so far, line by line (stdout and stderr interleaved).</summary>
    public IReadOnlyList<string> OutputLines => _output.ToList();

    /// <param name="extraArgs">More flags for the host (--log-format json ...).</param>
    public static Task<HostProcess> StartAsync(string dataDirectory, string configFile, params string[] extraArgs) =>
        StartAsync(dataDirectory, configFile, new Dictionary<string, string>(), extraArgs);

    /// <param name="environment">Variables set for the host's process (the runtime's GC settings ...).</param>
    /// <param name="extraArgs">More flags for the host (--log-format json ...).</param>
    public static async Task<HostProcess> StartAsync(string dataDirectory, string configFile, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Chat.Host.dll"), "--listen", "127.0.0.1", "--port", "0", "--data", dataDirectory, "--config", configFile }.Concat(extraArgs))
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        var host = new HostProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        host._process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        host._process.Exited += (_, _) => host._listening.TrySetException(new InvalidOperationException("the host exited before listening:\n" + host.Output));
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await host._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>kill -9: no shutdown code runs, nothing is flushed that was not already.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops the host; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan patience)
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException("kill(SIGTERM) failed");
        await _process.WaitForExitAsync().WaitAsync(patience);
        return _process.ExitCode;
    }

    public Task<RawClient> ConnectAsync() => RawClient.ConnectAsync(Endpoint);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
            _listening.TrySetResult(new IPEndPoint(IPAddress.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)));
    }

    // The SDK tells child processes which dotnet runs them; outside it, the one on the PATH.
    public static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    [GeneratedRegex(@"listening on ([0-9.]+):(\d+)")]
    private static partial Regex ListeningLine();
}
