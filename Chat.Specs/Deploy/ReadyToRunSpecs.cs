using System.Reflection.PortableExecutable;
using Chat.Specs.Support;

namespace Chat.Specs.Deploy;

/// <summary>
/// Both executables, built the way docs/deploy.md builds them, carry code compiled ahead
/// (ReadyToRun) for this machine: the client opens sooner on every SSH login, and the host's
/// first logins do not also pay the JIT. In the installed-client collection, so its Release
/// builds never run beside the tool's pack.
/// </summary>
[Collection(InstalledClientToolCollection.Name)]
public sealed class ReadyToRunSpecs(InstalledClientTool tool)
{
    [Fact]
    public void The_installed_chat_tool_is_compiled_ahead_for_this_machine()
    {
        var client = Directory.GetFiles(Path.Combine(tool.Folder, ".store"), "Chat.Tui.dll", SearchOption.AllDirectories);

        Assert.Equal([true], client.Select(IsReadyToRun));
    }

    [Fact]
    public async Task The_published_host_is_compiled_ahead_and_runs()
    {
        using var output = new TempDirectory();
        var dotnet = HostProcess.DotnetExecutable();
        (await ProcessRun.RunAsync(dotnet, ["publish", Path.Combine(DeployFiles.RepositoryRoot, "Chat.Host", "Chat.Host.csproj"), "-c", "Release", "-o", output.Path, "-nologo"], TimeSpan.FromMinutes(8)))
            .OutputOrThrow("dotnet publish Chat.Host");

        Assert.True(IsReadyToRun(Path.Combine(output.Path, "Chat.Host.dll")), "Chat.Host.dll is not ReadyToRun");
        Assert.True(IsReadyToRun(Path.Combine(output.Path, "Chat.Actors.dll")), "Chat.Actors.dll is not ReadyToRun");
        var run = await ProcessRun.RunAsync(Path.Combine(output.Path, "Chat.Host"), ["--version"], environment: new Dictionary<string, string> { ["DOTNET_ROOT"] = InstalledClientTool.DotnetRoot });
        Assert.StartsWith("Chat.Host ", run.OutputOrThrow("Chat.Host --version"));
    }

    // A ReadyToRun image keeps its IL and adds native code, which its CLI header points to.
    private static bool IsReadyToRun(string assembly)
    {
        using var reader = new PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
