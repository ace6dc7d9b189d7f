using Chat.Bench.Load;

// The benchmark scenarios: dotnet run -c Release --project Chat.Bench -- <scenario> [options]
var scenarios = new (string Name, string Summary, Func<string[], Task<int>> Run)[]
{
    ("fanout", "N clients in one room, S senders at a fixed total rate; delivery, latency, order (--find-max searches the rate)",
        args => LoadCommand.RunAsync(args, LoadScenarios.FanoutDefaults, LoadScenarios.FanoutAsync)),
    ("connect", "connect + log in + join N clients; the rate per second",
        args => LoadCommand.RunAsync(args, LoadScenarios.ConnectDefaults, LoadScenarios.ConnectAsync)),
    ("idle", "N logged-in idle connections; the server's memory per connection (needs --host-pid)",
        args => LoadCommand.RunAsync(args, LoadScenarios.IdleDefaults, LoadScenarios.IdleAsync)),
    ("durable", "room messages committed per second by the real SQLite store (group commit), in process",
        DurableCommand.RunAsync),
};

if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
{
    Console.WriteLine("usage: Chat.Bench <scenario> [options]   (Chat.Bench <scenario> --help for its options)");
    foreach (var (name, summary, _) in scenarios)
        Console.WriteLine($"  {name,-9} {summary}");
    return args.Length == 0 ? 2 : 0;
}
var scenario = scenarios.FirstOrDefault(s => s.Name == args[0]);
if (scenario.Run is null)
{
    Console.Error.WriteLine($"unknown scenario \"{args[0]}\"; --help lists them");
    return 2;
}
return await scenario.Run(args[1..]);
