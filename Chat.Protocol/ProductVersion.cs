using System.Reflection;

namespace Chat.Protocol;

/// <summary>What --version prints: the informational version the build stamped on an assembly (with the commit, when built from git).</summary>
public static class ProductVersion
{
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
