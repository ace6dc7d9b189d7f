namespace Chat.Specs.Deploy;

/// <summary>
/// A spec that needs Debian's sshd and tmux. On a developer's machine without them it is skipped,
/// saying what to install; in CI (CI set) it runs and fails without them: .ci/run installs them.
/// </summary>
public sealed class SshFactAttribute : FactAttribute
{
    public SshFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            return;
        var missing = new[] { SshServer.SshdPath, "/usr/bin/tmux", "/usr/bin/ssh" }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
            Skip = $"needs {string.Join(", ", missing)}: apt-get install -y openssh-server openssh-client tmux";
    }
}
