namespace Chat.Bench.Load;

/// <summary>
/// The highest offered rate that passes (everything delivered, in order, nobody cut off, p99
/// under the bound): double from the start rate until a window fails (or halve it until one
/// passes), bisect between the last pass and the first failure, then run the best rate once more. Windows run back to back on
/// the same connections.
/// </summary>
/// <remarks>
/// The confirmation is there because a search keeps the best of many noisy windows: with
/// windows that vary by 10% from run to run, the highest that passed once is often one that
/// passed by luck (the old 3,040 msg/s failed when run again). If the best fails its second
/// window, the next lower passing rate gets one, and so on down; a rate is reported only once it
/// passed twice. (Until session 9 only the two best got a second window: a server that passed
/// every rate up to its saturation and failed the two just below it again was reported as having
/// no passing rate at all.)
/// </remarks>
internal static class RateSearch
{
    private const int MaxHalvings = 3;

    public static async Task<(double? Max, bool? IsFloor)> FindMaxAsync(LoadRun run, LoadOptions options, List<SendFigures> tried, TextWriter log, CancellationToken cancellationToken)
    {
        double? passed = null;
        double? failed = null;
        var rate = options.Rate;
        while (rate <= options.MaxRate && failed is null)
        {
            if (await RunWindowAsync(run, rate, tried, log, cancellationToken))
            {
                passed = rate;
                rate *= 2;
            }
            else
            {
                failed = rate;
            }
        }
        // A start that already fails (a slow server, or a noisy window) searches downwards instead.
        for (var halvings = 0; passed is null && failed is { } tooHigh && halvings < MaxHalvings; halvings++)
        {
            rate = Math.Round(tooHigh / 2, 1);
            if (await RunWindowAsync(run, rate, tried, log, cancellationToken))
                passed = rate;
            else
                failed = rate;
        }
        for (var step = 0; step < options.BisectSteps && passed is { } low && failed is { } high; step++)
        {
            rate = Math.Round((low + high) / 2);
            if (await RunWindowAsync(run, rate, tried, log, cancellationToken))
                passed = rate;
            else
                failed = rate;
        }
        double? confirmed = null;
        foreach (var candidate in ConfirmationOrder(tried))
        {
            log.WriteLine($"confirming {candidate:F0}/s with a second window");
            if (await RunWindowAsync(run, candidate, tried, log, cancellationToken))
            {
                confirmed = candidate;
                break;
            }
        }
        return (confirmed, BoundedBySaturatedGenerator(tried, confirmed));
    }

    /// <summary>The rates that passed once, highest first: each gets a second window until one passes it.</summary>
    public static IReadOnlyList<double> ConfirmationOrder(IEnumerable<SendFigures> tried) =>
        [.. tried.Where(w => w.Passed).Select(w => w.OfferedRate).Distinct().OrderDescending()];

    /// <summary>
    /// The result is a floor when the failing window just above it had a saturated generator:
    /// that failure may be the generator's, so the server's own limit is not known.
    /// </summary>
    public static bool? BoundedBySaturatedGenerator(IReadOnlyList<SendFigures> tried, double? result)
    {
        var bound = tried.Where(w => !w.Passed && w.OfferedRate > (result ?? 0)).MinBy(w => w.OfferedRate);
        return bound?.Generator.Saturated;
    }

    /// <summary>One window at <paramref name="rate"/>; a whole room again afterwards if the server cut clients off.</summary>
    public static async Task<bool> RunWindowAsync(LoadRun run, double rate, List<SendFigures> tried, TextWriter log, CancellationToken cancellationToken)
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
