using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Specs.Support;

namespace Chat.Specs.Delivery;

/// <summary>
/// How a node writes one room: a slice of its audience a step, round and round, each slice
/// getting in one write what it has not had yet, so every member gets every batch once and in
/// order; and how long a slice waits before it is written again. No actors: the writes and the
/// clock are the spec's.
/// </summary>
public sealed class FanOutRoundSpecs
{
    private static readonly long OneMillisecond = Stopwatch.Frequency / 1000;

    /// <summary>What the round did, with a clock that each member's write moves on by a millisecond.</summary>
    private sealed class Effects : FanOutRound.IEffects
    {
        public long Now { get; set; } = 1_000 * OneMillisecond;
        public Dictionary<string, List<string>> Writes { get; } = [];
        public int Completed { get; private set; }

        public void Write(IActorRef session, ReadOnlyMemory<byte> frames)
        {
            Now += OneMillisecond;
            var name = session.Path.Name;
            if (!Writes.TryGetValue(name, out var writes))
                Writes[name] = writes = [];
            writes.Add(Encoding.UTF8.GetString(frames.Span));
        }

        void FanOutRound.IEffects.Completed(long receivedAt) => Completed++;

        public string Got(string member) => string.Concat(Writes.GetValueOrDefault(member) ?? []);
    }

    private static FanOutPacing Pacing(int slice, double pause = 0, double least = 0, double targetMs = 3_600_000, int belowBytes = 8192, int maxWriteBytes = 1 << 20) =>
        new(pause, least, TimeSpan.FromMilliseconds(targetMs), belowBytes, slice, SlicesFrom: 1, maxWriteBytes);

    private static (FanOutRound Round, Effects Effects) Round(FanOutPacing pacing, params string[] members)
    {
        var effects = new Effects();
        var round = new FanOutRound(pacing, () => effects.Now);
        round.ChangeAudience([.. members.Select(member => (IActorRef)new PlainSessionId(member))], effects);
        return (round, effects);
    }

    private static DeliverFanOut Batch(string text) => new("lobby", Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_lone_batch_reaches_every_member_one_slice_a_step_and_is_done_when_the_round_is_back()
    {
        var (round, effects) = Round(Pacing(slice: 2), "m0", "m1", "m2", "m3", "m4");
        round.Add(Batch("a;"));

        Assert.Equal(TimeSpan.Zero, round.NextStepIn());
        round.Step(effects);
        Assert.Equal(0, effects.Completed);
        Assert.Equal(["m0", "m1"], effects.Writes.Keys);
        round.Step(effects);
        round.Step(effects);

        Assert.All(new[] { "m0", "m1", "m2", "m3", "m4" }, member => Assert.Equal(["a;"], effects.Writes[member]));
        Assert.Equal(1, effects.Completed);
        Assert.True(round.IsIdle);
        Assert.Null(round.NextStepIn());
    }

    [Fact]
    public void A_room_smaller_than_where_slices_begin_is_written_whole_in_one_step()
    {
        var effects = new Effects();
        var round = new FanOutRound(new FanOutPacing(0, 0, TimeSpan.Zero, 8192, SliceMembers: 2, SlicesFrom: 4, MaxWriteBytes: 1 << 20), () => effects.Now);
        round.ChangeAudience([new PlainSessionId("m0"), new PlainSessionId("m1"), new PlainSessionId("m2")], effects);
        round.Add(Batch("a;"));

        round.Step(effects);

        Assert.Equal(["m0", "m1", "m2"], effects.Writes.Keys);
        Assert.True(round.IsIdle);
    }

    [Fact]
    public void A_batch_sent_mid_round_goes_with_the_one_before_in_one_write_and_every_member_gets_both_once_in_order()
    {
        var (round, effects) = Round(Pacing(slice: 2), "m0", "m1", "m2", "m3", "m4");
        round.Add(Batch("a;"));
        round.Step(effects);
        round.Add(Batch("b;"));

        // m2..m4 get both in one write; the round then comes back to m0 and m1 for the second.
        while (!round.IsIdle)
            round.Step(effects);

        Assert.All(new[] { "m0", "m1" }, member => Assert.Equal(["a;", "b;"], effects.Writes[member]));
        Assert.All(new[] { "m2", "m3", "m4" }, member => Assert.Equal(["a;b;"], effects.Writes[member]));
        Assert.Equal(2, effects.Completed);
    }

    [Fact]
    public void A_session_that_entered_while_a_batch_was_gathered_gets_it_from_its_entry_on()
    {
        var (round, effects) = Round(Pacing(slice: 2), "m0", "m1");
        round.Add(Batch("before;after;") with { Entered = [new EnteredAt(new PlainSessionId("m1"), "before;".Length)] });

        round.Step(effects);

        Assert.Equal("before;after;", effects.Got("m0"));
        Assert.Equal("after;", effects.Got("m1"));
    }

    [Fact]
    public void A_change_of_audience_first_writes_what_is_pending_to_those_it_was_for()
    {
        var (round, effects) = Round(Pacing(slice: 1), "m0", "m1", "m2");
        round.Add(Batch("a;"));
        round.Step(effects);

        // m2 leaves and m9 joins: m1 and m2 are written "a;" now, m9 only what comes after.
        round.ChangeAudience([new PlainSessionId("m0"), new PlainSessionId("m1"), new PlainSessionId("m9")], effects);
        Assert.Equal(["a;"], effects.Writes["m2"]);
        Assert.Equal(["a;"], effects.Writes["m1"]);
        Assert.True(round.IsIdle);
        round.Add(Batch("b;"));
        while (!round.IsIdle)
            round.Step(effects);

        Assert.Equal(["a;"], effects.Writes["m2"]);
        Assert.Equal(["b;"], effects.Writes["m9"]);
        Assert.Equal(["a;", "b;"], effects.Writes["m0"]);
    }

    [Fact]
    public void After_small_writes_a_slice_waits_until_the_round_and_a_pause_in_proportion_have_passed_since_its_last()
    {
        // Two slices of two members, a millisecond a write: four milliseconds of writing a round.
        var (round, effects) = Round(Pacing(slice: 2, pause: 1.0), "m0", "m1", "m2", "m3");
        var start = effects.Now;
        round.Add(Batch("a;"));
        Assert.Equal(TimeSpan.Zero, round.NextStepIn()); // never written: at once
        round.Step(effects);
        round.Step(effects);

        round.Add(Batch("b;"));
        // Slice 0 was last written at start: again at start + (1 + 1.0) x 4 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(4), round.NextStepIn());
        effects.Now = start + 8 * OneMillisecond;
        Assert.Equal(TimeSpan.Zero, round.NextStepIn());
    }

    [Theory]
    [InlineData(6.0, 2)] // the round's 4 ms and 2 ms more stay within 6 ms: the pause is cut to 2
    [InlineData(4.5, 1)] // cut to 0.5 ms it would be under the least, 0.25 x 4 ms
    [InlineData(60, 4)] // within the target the whole pause, 1.0 x 4 ms
    public void A_pause_is_cut_to_keep_the_round_within_its_target_but_not_below_the_least(double targetMs, int pauseMs)
    {
        var (round, effects) = Round(Pacing(slice: 2, pause: 1.0, least: 0.25, targetMs: targetMs), "m0", "m1", "m2", "m3");
        var start = effects.Now;
        round.Add(Batch("a;"));
        round.Step(effects);
        round.Step(effects);

        round.Add(Batch("b;"));

        Assert.Equal(TimeSpan.FromMilliseconds(4 + pauseMs) - (TimeSpan.FromTicks((effects.Now - start) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)), round.NextStepIn());
    }

    [Fact]
    public void A_slice_is_written_at_once_when_what_waits_has_outgrown_its_last_write_or_that_write_was_large()
    {
        var (round, effects) = Round(Pacing(slice: 2, pause: 1.0), "m0", "m1", "m2", "m3");
        round.Add(Batch("a;"));
        round.Step(effects);
        round.Step(effects);

        // Behind the load: more waits than the last write carried.
        round.Add(Batch("b;c;"));
        Assert.Equal(TimeSpan.Zero, round.NextStepIn());

        var (large, writes) = Round(Pacing(slice: 2, pause: 1.0, belowBytes: 2), "m0", "m1", "m2", "m3");
        large.Add(Batch("a;"));
        large.Step(writes);
        large.Step(writes);
        large.Add(Batch("b;"));
        // Its bytes made the last write what it was: waiting would save nothing.
        Assert.Equal(TimeSpan.Zero, large.NextStepIn());
    }

    [Fact]
    public void A_backlog_larger_than_one_write_may_carry_goes_in_several_split_between_batches()
    {
        var (round, effects) = Round(Pacing(slice: 1, maxWriteBytes: 12), "m0", "m1");
        round.Add(Batch("aaaaa;"));
        round.Step(effects);
        round.Add(Batch("bbbbb;"));
        round.Add(Batch("ccccc;"));

        round.Step(effects);

        Assert.Equal(["aaaaa;bbbbb;", "ccccc;"], effects.Writes["m1"]);
    }

    [Fact]
    public void A_round_abandoned_at_the_farewell_writes_nothing_more()
    {
        var (round, effects) = Round(Pacing(slice: 1), "m0", "m1");
        round.Add(Batch("a;"));
        round.Step(effects);
        round.Add(Batch("b;"));

        round.Abandon();

        Assert.True(round.IsIdle);
        Assert.Null(round.NextStepIn());
        Assert.Equal(["a;"], effects.Writes["m0"]);
        Assert.False(effects.Writes.ContainsKey("m1"));
    }
}
