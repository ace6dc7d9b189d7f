using Chat.Specs.Support;

namespace Chat.Specs.Deploy;

/// <summary>
/// The client as docs/deploy.md installs it: Chat.Tui packed (Release) as the .NET tool "chat"
/// and installed with dotnet tool install into a tool path of its own. One install serves every
/// spec of the <see cref="InstalledClientToolCollection"/>; it is deleted after the last.
/// </summary>
public sealed class InstalledClientTool : IAsyncLifetime
{
    private static readonly Dictionary<string, string> QuietDotnet = new() { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };

    private readonly TempDirectory _root = new();

    /// <summary>The tool path: it holds the `chat` command and, under .store, the client's files.</summary>
    public string Folder => Path.Combine(_root.Path, "tools");

    /// <summary>The installed `chat` command.</summary>
    public string Command => Path.Combine(Folder, "chat");

    /// <summary>Where the tool's command finds the runtime: beside the dotnet that runs the specs.</summary>
    public static string DotnetRoot
    {
        get
        {
            var dotnet = HostProcess.DotnetExecutable();
            var path = Path.IsPathRooted(dotnet) ? dotnet : "/usr/bin/dotnet";
            return Path.GetDirectoryName(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path)!;
        }
    }

    public async Task InitializeAsync()
    {
        var packages = Path.Combine(_root.Path, "nupkg");
        var dotnet = HostProcess.DotnetExecutable();
        (await ProcessRun.RunAsync(dotnet, ["pack", Path.Combine(DeployFiles.RepositoryRoot, "Chat.Tui", "Chat.Tui.csproj"), "-c", "Release", "-o", packages, "-nologo"], TimeSpan.FromMinutes(8), QuietDotnet))
            .OutputOrThrow("dotnet pack Chat.Tui");
        (await ProcessRun.RunAsync(dotnet, ["tool", "install", "--tool-path", Folder, "--add-source", packages, "chat"], TimeSpan.FromMinutes(5), QuietDotnet))
            .OutputOrThrow("dotnet tool install chat");
        if (!File.Exists(Command))
            throw new InvalidOperationException($"dotnet tool install left no chat command in {Folder}");
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The specs that run the installed client: they share one pack and install.</summary>
[CollectionDefinition(Name)]
public sealed class InstalledClientToolCollection : ICollectionFixture<InstalledClientTool>
{
    public const string Name = "installed client tool";
}
