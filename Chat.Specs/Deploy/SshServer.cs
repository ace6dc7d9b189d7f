using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Chat.Specs.Support;

namespace Chat.Specs.Deploy;

/// <summary>
/// Debian's sshd, run by the spec on a free loopback port with a throwaway host key, user key and
/// configuration in a temporary folder: the machine's own sshd and its configuration are never
/// touched. The configuration ends with a snippet from deploy/sshd, adapted to this machine.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";

    private readonly Process _sshd;
    private readonly ConcurrentQueue<string> _log = new();

    private SshServer(Process sshd, int port, string userKey)
    {
        _sshd = sshd;
        Port = port;
        UserKey = userKey;
    }

    public int Port { get; }

    /// <summary>The private key the spec's ssh logs in with.</summary>
    public string UserKey { get; }

    public int Pid => _sshd.Id;

    /// <summary>What sshd logged, for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>The user the spec runs as: the one sshd lets in (a non-root sshd can only log in as itself).</summary>
    public static string User => Environment.UserName;

    /// <param name="snippet">An sshd_config fragment (a Match block) appended to the base configuration.</param>
    public static async Task<SshServer> StartAsync(string folder, string snippet)
    {
        var hostKey = Path.Combine(folder, "host_key");
        var userKey = Path.Combine(folder, "user_key");
        foreach (var key in new[] { hostKey, userKey })
            (await ProcessRun.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key])).OutputOrThrow("ssh-keygen");
        File.Copy(userKey + ".pub", Path.Combine(folder, "authorized_keys"));
        // As root, sshd wants its privilege-separation directory (the ssh service makes it at boot).
        if (Environment.UserName == "root")
            Directory.CreateDirectory("/run/sshd");

        var port = FreePort.Next();
        var config = Path.Combine(folder, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress 127.0.0.1:{port}
            HostKey {hostKey}
            PidFile {Path.Combine(folder, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(folder, "authorized_keys")}
            StrictModes no
            UsePAM no
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            LogLevel VERBOSE

            """ + snippet + "\n");

        var start = new ProcessStartInfo(SshdPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-D", "-e", "-f", config })
            start.ArgumentList.Add(arg);
        var server = new SshServer(new Process { StartInfo = start }, port, userKey);
        server._sshd.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server._sshd.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server._sshd.Start();
        server._sshd.BeginOutputReadLine();
        server._sshd.BeginErrorReadLine();
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>The ssh command line that logs in to this server with a forced terminal, as a person would.</summary>
    public string SshCommand() =>
        $"ssh -tt -F /dev/null -i {UserKey} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no " +
        $"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p {Port} {User}@127.0.0.1";

    public async ValueTask DisposeAsync()
    {
        if (!_sshd.HasExited)
        {
            _sshd.Kill(entireProcessTree: true);
            await _sshd.WaitForExitAsync();
        }
        _sshd.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is not null)
            _log.Enqueue(line);
    }

    private async Task WaitUntilListeningAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_sshd.HasExited)
                throw new InvalidOperationException($"sshd exited ({_sshd.ExitCode}):\n{Log}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }
}
