using Chat.Specs.Support;

namespace Chat.Specs.Deploy;

/// <summary>
/// The client as docs/deploy.md installs it: Chat.Tui packed (Release) as the .NET tool "chat"
/// and installed with dotnet tool install into a tool path of its own, once per run of the specs.
/// Deleted when the specs' process ends.
/// </summary>
public static class InstalledClientTool
{
    private static readonly Lazy<Task<string>> Folder = new(InstallAsync);

    private static readonly Dictionary<string, string> QuietDotnet = new() { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };

    /// <summary>The tool path: it holds the `chat` command and, under .store, the client's files.</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    public static string CommandIn(string folder) => Path.Combine(folder, "chat");

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

    private static async Task<string> InstallAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "chat-tool-" + Guid.NewGuid().ToString("N")[..8]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        };
        var packages = Path.Combine(root, "nupkg");
        var tools = Path.Combine(root, "tools");
        var dotnet = HostProcess.DotnetExecutable();
        (await ProcessRun.RunAsync(dotnet, ["pack", Path.Combine(DeployFiles.RepositoryRoot, "Chat.Tui", "Chat.Tui.csproj"), "-c", "Release", "-o", packages, "-nologo"], TimeSpan.FromMinutes(8), QuietDotnet))
            .OutputOrThrow("dotnet pack Chat.Tui");
        (await ProcessRun.RunAsync(dotnet, ["tool", "install", "--tool-path", tools, "--add-source", packages, "chat"], TimeSpan.FromMinutes(5), QuietDotnet))
            .OutputOrThrow("dotnet tool install chat");
        if (!File.Exists(CommandIn(tools)))
            throw new InvalidOperationException($"dotnet tool install left no chat command in {tools}");
        return tools;
    }
}
