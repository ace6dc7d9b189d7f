using Chat.Bench;
using Chat.Bench.History;
using Chat.Bench.Load;

// The receivers' reads run on the socket engine's own thread, not queued to the thread pool: at
// 2,000 receivers and millions of lines a second the hand-off per read was most of the
// generator's cost, and its core saturated before the host's did (docs/benchmarks.md, "The
// generator"). Read before the first socket is made; DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0
// in the environment keeps the thread pool.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

// A table of scenarios: dotnet run -c Release --project Chat.Bench -- SCENARIO [options]
var scenarios = new Dictionary<string, Scenario>(StringComparer.OrdinalIgnoreCase)
{
    ["log"] = new("the client's message log: append 100,000 lines, re-wrap 10,000 on a width change", MessageLogScenario.Run),
    ["input"] = new("the client's input bar: 8,000 characters typed key by key, then pasted at once", InputScenario.Run),
    ["fanout"] = new("host load: N clients in one room, S senders at a fixed total rate; delivery, latency, order (--find-max searches the rate)",
        args => LoadCommand.Run(args, LoadScenarios.FanoutDefaults, LoadScenarios.FanoutAsync)),
    ["overload"] = new("host load: one window at --factor (3) times --sustainable R; delivered %, clients cut off, server RSS every 500 ms, senders' lag",
        args => LoadCommand.Run(args, LoadScenarios.OverloadDefaults, LoadScenarios.OverloadAsync)),
    ["connect"] = new("host load: connect + log in + join N clients; the rate per second",
        args => LoadCommand.Run(args, LoadScenarios.ConnectDefaults, LoadScenarios.ConnectAsync)),
    ["idle"] = new("host load: N logged-in idle connections; the server's memory per connection (needs --host-pid)",
        args => LoadCommand.Run(args, LoadScenarios.IdleDefaults, LoadScenarios.IdleAsync)),
    ["durable"] = new("room messages committed per second by the real SQLite store (group commit), in process",
        args => DurableCommand.RunAsync(args).GetAwaiter().GetResult()),
    ["serialization"] = new("what Akka's serializer costs per message that would cross nodes (PostMessage, ok, a fan-out's Deliver), in process; [COUNT] round trips",
        SerializationScenario.Run),
    ["history"] = new("the newest page of history of a room holding 1,000,000 messages, from the real SQLite store, in process",
        args => HistoryCommand.RunAsync(args).GetAwaiter().GetResult()),
};

if (args.Length == 0 || args[0] is "--help" or "-h" || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.WriteLine("Usage: dotnet run -c Release --project Chat.Bench -- SCENARIO [options]   (SCENARIO --help: its options)");
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
