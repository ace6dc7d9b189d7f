namespace Chat.Bench.Load;

/// <summary>The command line of a load scenario: options over the scenario's defaults, progress to stderr, the report to stdout.</summary>
internal static class LoadCommand
{
    /// <summary>The scenario table's entries are synchronous; a console's main thread may simply wait.</summary>
    public static int Run(string[] args, LoadOptions defaults, Func<LoadOptions, TextWriter, CancellationToken, Task<LoadReport>> scenario) =>
        RunAsync(args, defaults, scenario).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, LoadOptions defaults, Func<LoadOptions, TextWriter, CancellationToken, Task<LoadReport>> scenario)
    {
        LoadOptions options;
        bool json;
        try
        {
            var arguments = new BenchArguments(args);
            if (arguments.Flag("help"))
            {
                Console.WriteLine(LoadOptions.Usage);
                return 0;
            }
            options = LoadOptions.Read(arguments, defaults);
            json = arguments.Flag("json");
            arguments.RejectUnknown();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Task<LoadReport> running;
        try
        {
            running = scenario(options, Console.Error, cancel.Token);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        var report = await running;
        LoadScenarios.Print(report, json, Console.Out);
        return 0;
    }
}
