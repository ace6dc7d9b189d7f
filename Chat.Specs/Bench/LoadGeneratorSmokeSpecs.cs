using Chat.Bench.Load;
using Chat.Specs.Support;

namespace Chat.Specs.Bench;

/// <summary>
/// Keeps the benchmark working: a tiny fan-out against the real host, in process. Only that it
/// completes, delivers and loses nothing is asserted; timing figures depend on the machine and
/// are never checked here.
/// </summary>
public sealed class LoadGeneratorSmokeSpecs
{
    [Fact]
    public async Task A_small_fanout_delivers_every_message_in_order_to_every_client()
    {
        await using var host = await TestHost.StartAsync();
        var options = LoadScenarios.FanoutDefaults with
        {
            Port = host.Endpoint.Port,
            Clients = 20,
            Senders = 4,
            Rate = 100,
            Warmup = TimeSpan.FromSeconds(0.5),
            Duration = TimeSpan.FromSeconds(1.5),
            Drain = TimeSpan.FromSeconds(10),
            HostConfigText = TestHost.FastHashing,
        };

        var report = await LoadScenarios.FanoutAsync(options, TextWriter.Null);

        Assert.Equal(0, report.Connect!.Failed);
        var window = Assert.Single(report.Rates);
        Assert.True(window.Delivered > 0);
        Assert.Equal(window.Expected, window.Delivered);
        Assert.Equal(0, window.OutOfOrder);
        Assert.Equal(0, window.Disconnected);
    }
}
