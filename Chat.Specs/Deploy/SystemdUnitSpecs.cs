namespace Chat.Specs.Deploy;

/// <summary>
/// deploy/chat-host.service: systemd-analyze verify accepts it, and it says what the deploy
/// guide promises (own user, /var/lib/chat, restart on failure, hardening, the file limit).
/// </summary>
public sealed class SystemdUnitSpecs : IDisposable
{
    private const string ShippedExecutable = "/opt/chat/host/Chat.Host";
    private readonly Support.TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SystemdAnalyzeFact]
    public async Task Systemd_analyze_verify_finds_nothing_wrong()
    {
        // verify also checks that ExecStart exists; the host is not installed here, so a stand-in
        // executable takes its path. Every other line is as shipped.
        var unit = DeployFiles.Read("chat-host.service");
        Assert.Contains($"ExecStart={ShippedExecutable} ", unit);
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "system")).FullName;
        var unitFile = Path.Combine(folder, "chat-host.service");
        File.WriteAllText(unitFile, unit.Replace($"ExecStart={ShippedExecutable} ", "ExecStart=/usr/bin/env "));

        var verify = await Support.ProcessRun.RunAsync(SystemdAnalyzeFactAttribute.Tool, ["verify", unitFile], TimeSpan.FromMinutes(2));

        Assert.True(verify.ExitCode == 0 && (verify.Output + verify.Error).Trim().Length == 0, $"systemd-analyze verify ({verify.ExitCode}):\n{verify.Output}{verify.Error}");
    }

    [Fact]
    public void The_example_etc_chat_host_conf_loads_over_the_shipped_one()
    {
        var configuration = Chat.Host.Hosting.HostConfiguration.Load(new Chat.Host.Hosting.ChatHostOptions { ConfigFile = DeployFiles.PathOf("host.conf") });

        Assert.Equal(new Chat.Host.Hosting.ObservabilitySettings(MetricsPort: 9477, JsonLogs: true), configuration.Observability);
    }

    [Theory]
    [InlineData("Type=notify")]
    [InlineData("User=chat-host")]
    [InlineData("StateDirectory=chat")]
    [InlineData("StateDirectoryMode=0700")]
    [InlineData("Restart=on-failure")]
    [InlineData("ProtectSystem=strict")]
    [InlineData("NoNewPrivileges=yes")]
    [InlineData("PrivateTmp=yes")]
    [InlineData("LimitNOFILE=65536")]
    [InlineData("ExecStart=/opt/chat/host/Chat.Host --data /var/lib/chat --config /etc/chat/host.conf")]
    public void The_unit_says(string line) =>
        Assert.Contains(line, DeployFiles.Read("chat-host.service").Split('\n').Select(l => l.Trim()));
}

/// <summary>Runs where systemd-analyze is (Debian's systemd package); skipped, saying so, elsewhere unless CI is set.</summary>
public sealed class SystemdAnalyzeFactAttribute : FactAttribute
{
    public const string Tool = "/usr/bin/systemd-analyze";

    public SystemdAnalyzeFactAttribute()
    {
        if (!File.Exists(Tool) && Environment.GetEnvironmentVariable("CI") is not { Length: > 0 })
            Skip = $"{Tool} is missing: apt-get install -y systemd to check deploy/chat-host.service";
    }
}
