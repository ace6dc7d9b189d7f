using Chat.Bench.Load;

namespace Chat.Specs.Bench;

/// <summary>When the generator says its own figures are a floor (each sign alone is enough, and none means a result), and which rates a search confirms.</summary>
public sealed class GeneratorSaturationSpecs
{
    [Fact]
    public void A_generator_with_room_to_spare_is_not_saturated()
    {
        Assert.Null(GeneratorSaturation.Judge(meanCpuPercent: 60, sampleCpuPercents: [40, 70, 90], scheduleLagP99Ms: 1.2));
    }

    [Fact]
    public void Busy_on_average_is_saturated()
    {
        var because = GeneratorSaturation.Judge(meanCpuPercent: 85, sampleCpuPercents: [85], scheduleLagP99Ms: 1);

        Assert.Contains("85% of its cores on average", because);
    }

    [Fact]
    public void One_full_half_second_is_saturated_even_when_the_mean_is_low()
    {
        var because = GeneratorSaturation.Judge(meanCpuPercent: 50, sampleCpuPercents: [20, 99, 20], scheduleLagP99Ms: 1);

        Assert.Contains("a 500 ms sample at 99%", because);
    }

    [Fact]
    public void A_schedule_that_runs_late_is_saturated_whatever_the_cpu_says()
    {
        // The core may be taken by another process: the generator then cannot keep its times either.
        var because = GeneratorSaturation.Judge(meanCpuPercent: 10, sampleCpuPercents: [10], scheduleLagP99Ms: 20);

        Assert.Contains("schedule ran 20.0 ms late", because);
    }

    private static SendFigures Window(double rate, bool passed, bool saturated = false) => new(
        rate, 1, 1, passed ? 1 : 0, passed ? 100 : 0, 0, Zero, 0, 0, null,
        new GeneratorFigures(1, 0, 0, 0, Zero, saturated, saturated ? "busy" : null), new SenderLagFigures(Zero, []), [], passed);

    [Fact]
    public void A_search_confirms_every_rate_that_passed_once_highest_first_until_one_passes_again()
    {
        // A server that passed up to its saturation may fail the top two again, and still pass a third.
        List<SendFigures> tried = [Window(150, true), Window(300, true), Window(600, true), Window(1200, false), Window(900, true), Window(600, true)];

        Assert.Equal([900, 600, 300, 150], RateSearch.ConfirmationOrder(tried));
    }

    [Fact]
    public void A_search_result_is_a_floor_when_the_failure_just_above_it_had_a_saturated_generator()
    {
        List<SendFigures> tried = [Window(100, true, false), Window(200, true, false), Window(400, false, true), Window(300, false, false)];

        Assert.False(RateSearch.BoundedBySaturatedGenerator(tried, result: 200));
        Assert.True(RateSearch.BoundedBySaturatedGenerator(tried, result: 300));
        Assert.Null(RateSearch.BoundedBySaturatedGenerator(tried, result: 400));
    }

    private static readonly LatencyFigures Zero = new(0, 0, 0, 0, 0);
}
