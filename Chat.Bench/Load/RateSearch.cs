namespace Chat.Bench.Load;

/// <summary>
/// The highest offered rate that passes (everything delivered, in order, nobody cut off, p99
/// under the bound): double from the start rate until a window fails, then bisect between the
/// last pass and the first failure. Windows run back to back on the same connections.
/// </summary>
internal static class RateSearch
{
    private const int BisectSteps = 4;

    public static async Task<double?> FindMaxAsync(LoadRun run, LoadOptions options, List<SendFigures> tried, TextWriter log, CancellationToken cancellationToken)
    {
        double? passed = null;
        double? failed = null;
        var rate = options.Rate;
        while (rate <= options.MaxRate && failed is null)
        {
            if (await TryAsync(run, rate, tried, log, cancellationToken))
            {
                passed = rate;
                rate *= 2;
            }
            else
            {
                failed = rate;
            }
        }
        for (var step = 0; step < BisectSteps && passed is { } low && failed is { } high; step++)
        {
            rate = Math.Round((low + high) / 2);
            if (await TryAsync(run, rate, tried, log, cancellationToken))
                passed = rate;
            else
                failed = rate;
        }
        return passed;
    }

    private static async Task<bool> TryAsync(LoadRun run, double rate, List<SendFigures> tried, TextWriter log, CancellationToken cancellationToken)
    {
        var figures = await LoadScenarios.SendAndShowAsync(run, rate, log, cancellationToken);
        tried.Add(figures);
        if (figures.Disconnected > 0)
        {
            // A server that cut clients off must get a whole room back before the next window.
            log.WriteLine($"{figures.Disconnected} clients were disconnected; reconnecting all");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            await run.ConnectAllAsync(cancellationToken);
        }
        // Let the backlog of a failed window drain, so it does not spill into the next.
        await run.SettleAsync(TimeSpan.FromSeconds(30));
        return figures.Passed;
    }
}
