using Chat.Specs.Support;

namespace Chat.Specs.Deploy;

/// <summary>
/// The client as it ships: Chat.Tui published (Release) into a folder of its own, once per run
/// of the specs, for a ForceCommand to start. Deleted when the specs' process ends.
/// </summary>
public static class PublishedClient
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>The folder holding Chat.Tui.dll.</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chat-client-" + Guid.NewGuid().ToString("N")[..8]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        };
        var publish = await ProcessRun.RunAsync(
            HostProcess.DotnetExecutable(),
            ["publish", Path.Combine(DeployFiles.RepositoryRoot, "Chat.Tui", "Chat.Tui.csproj"), "-c", "Release", "-o", folder, "-nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(8),
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        publish.OutputOrThrow("dotnet publish Chat.Tui");
        if (!File.Exists(Path.Combine(folder, "Chat.Tui.dll")))
            throw new InvalidOperationException($"dotnet publish Chat.Tui left no Chat.Tui.dll in {folder}:\n{publish.Output}");
        return folder;
    }
}
