using Chat.Host.Hosting;

namespace Chat.Specs.Hosting;

/// <summary>When the host gives memory back: once after a busy spell, when it has fallen quiet and the GC holds enough it does not need.</summary>
public sealed class IdleTrimSpecs
{
    private const long MiB = 1L << 20;
    private static readonly IdleTrimSettings Settings = new(true, TimeSpan.FromSeconds(10), QuietBelowBytes: 8 * MiB, MinSlackBytes: 8 * MiB);

    /// <summary>Runs the checks in order; returns at which of them (0-based) the rule said to trim.</summary>
    private static List<int> TrimsAt(params GcSample[] samples)
    {
        var trim = IdleTrim.Start;
        var at = new List<int>();
        for (var i = 0; i < samples.Length; i++)
        {
            (trim, var now) = trim.Check(samples[i], Settings);
            if (!now)
                continue;
            at.Add(i);
            // What an aggressive collection leaves: committed down to the live heap.
            trim = trim.Trimmed(samples[i] with { CommittedBytes = samples[i].LiveBytes });
        }
        return at;
    }

    private static GcSample At(long allocatedMiB, long committedMiB, long liveMiB = 100) => new(allocatedMiB * MiB, committedMiB * MiB, liveMiB * MiB);

    [Fact]
    public void Two_quiet_checks_in_a_row_with_slack_trim()
    {
        // A busy spell (100 MiB allocated per check), then quiet (1 MiB per check), 30 MiB of slack.
        Assert.Equal([3], TrimsAt(At(0, 130), At(100, 130), At(101, 130), At(102, 130)));
    }

    [Fact]
    public void A_busy_check_starts_the_quiet_spell_again()
    {
        // One quiet check, then a busy one: the spell counts from zero again.
        Assert.Equal([4], TrimsAt(At(0, 130), At(1, 130), At(200, 130), At(201, 130), At(202, 130)));
    }

    [Fact]
    public void Too_little_slack_is_not_worth_a_pause()
    {
        Assert.Empty(TrimsAt(At(0, 105), At(1, 105), At(2, 105), At(3, 105), At(4, 105)));
    }

    [Fact]
    public void An_idle_host_trims_once_and_again_only_after_the_gc_grew_by_the_minimum()
    {
        Assert.Equal([2, 8], TrimsAt(
            At(0, 130), At(1, 130), At(2, 130), // trimmed to 100 committed
            At(3, 105), At(4, 106), At(5, 107), // quiet, but 7 MiB over the trim's mark
            At(50, 120), At(51, 120), At(52, 120))); // a spell that grew the GC by 20 MiB, then quiet
    }

    [Fact]
    public void The_shipped_configuration_trims_after_quiet_checks_every_10_seconds()
    {
        var settings = HostConfiguration.Load(ChatHostOptions.Parse([], _ => null)).IdleTrim;
        Assert.Equal(new IdleTrimSettings(true, TimeSpan.FromSeconds(10), 8 * MiB, 8 * MiB), settings);
    }

    [Theory]
    [InlineData("chat.memory.idle-trim.check-every = 0s")]
    [InlineData("chat.memory.idle-trim.min-slack = 0")]
    public void Bad_settings_are_errors(string hocon) =>
        Assert.Throws<ArgumentException>(() => HostConfiguration.Load(ChatHostOptions.Parse([], _ => null) with { ConfigOverrides = hocon }));
}
