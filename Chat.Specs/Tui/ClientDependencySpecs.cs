using System.Reflection;
using Chat.Tui;

namespace Chat.Specs.Tui;

/// <summary>The client speaks the protocol and nothing more: no actor runtime ships with it.</summary>
public class ClientDependencySpecs
{
    [Fact]
    public void The_client_references_no_Akka_assembly_directly_or_through_its_references()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<AssemblyName>([typeof(CommandLine).Assembly.GetName()]);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name.Name!) || IsPlatform(name))
                continue;
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
                pending.Enqueue(reference);
        }

        Assert.Contains("Chat.Protocol", seen);
        Assert.DoesNotContain(seen, name => name.StartsWith("Akka", StringComparison.Ordinal));
        Assert.DoesNotContain("Chat.Actors", seen);
    }

    private static bool IsPlatform(AssemblyName name) =>
        name.Name!.StartsWith("System", StringComparison.Ordinal)
        || name.Name.StartsWith("Microsoft", StringComparison.Ordinal)
        || name.Name is "netstandard" or "mscorlib";
}
