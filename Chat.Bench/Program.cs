using Chat.Bench;

// A table of scenarios, so that more (the host's load generator) slot in beside the first.
var scenarios = new Dictionary<string, Scenario>(StringComparer.OrdinalIgnoreCase)
{
    ["log"] = new("the client's message log: append 100,000 lines, re-wrap 10,000 on a width change", MessageLogScenario.Run),
};

if (args.Length == 0 || args[0] is "--help" or "-h" || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.WriteLine("Usage: dotnet run -c Release --project Chat.Bench -- SCENARIO");
    Console.WriteLine();
    Console.WriteLine("Scenarios:");
    foreach (var (name, known) in scenarios)
        Console.WriteLine($"  {name,-8} {known.Description}");
    return args.Length == 0 || args[0] is "--help" or "-h" ? 0 : 2;
}

return scenario.Run(args[1..]);

namespace Chat.Bench
{
    internal sealed record Scenario(string Description, Func<string[], int> Run);
}
