using System.Reflection;
using System.Text.RegularExpressions;
using Chat.Specs.Support;

namespace Chat.Specs.Deploy;

/// <summary>Both executables, as installed, say which build they are: the assembly's informational version.</summary>
[Collection(InstalledClientToolCollection.Name)]
public sealed class VersionSpecs(InstalledClientTool tool)
{
    [Fact]
    public async Task The_installed_chat_tool_prints_its_version()
    {
        var run = await ProcessRun.RunAsync(tool.Command, ["--version"], environment: new Dictionary<string, string> { ["DOTNET_ROOT"] = InstalledClientTool.DotnetRoot });

        Assert.Matches($@"^chat {Regex.Escape(ReleaseOf(typeof(Chat.Tui.CommandLine).Assembly))}(\+[0-9a-f]+)?\n$", run.OutputOrThrow("chat --version"));
    }

    [Fact]
    public async Task The_host_prints_its_version()
    {
        var run = await ProcessRun.RunAsync(HostProcess.DotnetExecutable(), [Path.Combine(AppContext.BaseDirectory, "Chat.Host.dll"), "--version"]);

        Assert.Equal($"Chat.Host {VersionOf(typeof(Chat.Host.Hosting.ChatHost).Assembly)}\n", run.OutputOrThrow("Chat.Host --version"));
    }

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    // The tool is packed by the spec from the work tree, perhaps at a later commit than these
    // specs were built at: the release must match, the commit after "+" may differ.
    private static string ReleaseOf(Assembly assembly) => VersionOf(assembly).Split('+')[0];
}
