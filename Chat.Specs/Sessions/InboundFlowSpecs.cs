using Chat.Actors.Sessions;

namespace Chat.Specs.Sessions;

/// <summary>The connection's fakelag and in-flight bound, as plain state: no actor, no socket, no clock.</summary>
public sealed class InboundFlowSpecs
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    private static readonly InboundFlowLimits Limits = new(Burst: 4, LinesPerSecond: 2, MaxHeldLines: 6, MaxInFlight: int.MaxValue, CloseAfterIgnoringHintsFor: Seconds(10));

    /// <summary>Runs commands through the state as the reader does, keeping every event.</summary>
    private sealed class Run(InboundFlowLimits limits)
    {
        public InboundFlow State { get; private set; } = InboundFlow.Start(limits);
        public List<InboundEvent> Events { get; } = [];

        public IReadOnlyList<InboundEvent> Do(InboundCommand command)
        {
            var events = State.Decide(command);
            foreach (var e in events)
                State = State.Apply(e);
            Events.AddRange(events);
            return events;
        }

        /// <summary>Which lines went on to the session, in the order they went, by their arrival number.</summary>
        public List<int> Forwarded(IReadOnlyList<LineKind> arrivals)
        {
            var held = new Dictionary<LineKind, Queue<int>> { [LineKind.Chat] = new(), [LineKind.Request] = new() };
            var arrival = 0;
            var order = new List<int>();
            foreach (var e in Events)
                switch (e)
                {
                    case LineForwarded:
                        order.Add(arrival++);
                        break;
                    case LineHeld h:
                        held[h.Kind].Enqueue(arrival++);
                        break;
                    case LineRefused or ClosedForFlooding:
                        arrival++;
                        break;
                    case HeldLineForwarded f:
                        order.Add(held[f.Kind].Dequeue());
                        break;
                }
            Assert.Equal(arrivals.Count, arrival);
            return order;
        }
    }

    [Fact]
    public void A_paste_over_the_burst_is_held_and_goes_on_whole_in_order_at_the_rate()
    {
        var run = new Run(Limits with { MaxHeldLines = 20 });
        for (var i = 0; i < 20; i++)
            run.Do(new LineArrives(LineKind.Chat, Seconds(0)));
        Assert.Equal(4, run.Events.OfType<LineForwarded>().Count());
        Assert.Equal(16, run.State.HeldChatLines);
        Assert.Empty(run.Events.OfType<LineRefused>());

        Assert.Equal(Seconds(0.5), run.State.NextReleaseIn(Seconds(0)));
        Assert.Single(run.Do(new TimePasses(Seconds(0.5))).OfType<HeldLineForwarded>());
        Assert.Equal(3, run.Do(new TimePasses(Seconds(2))).OfType<HeldLineForwarded>().Count());
        run.Do(new TimePasses(Seconds(8)));

        Assert.Equal(Enumerable.Range(0, 20), run.Forwarded(Enumerable.Repeat(LineKind.Chat, 20).ToList()));
        Assert.Null(run.State.NextReleaseIn(Seconds(8)));
    }

    [Fact]
    public void Only_a_line_that_finds_the_held_queue_full_is_refused_with_the_time_until_a_slot_frees()
    {
        var run = new Run(Limits);
        for (var i = 0; i < 10; i++)
            run.Do(new LineArrives(LineKind.Chat, Seconds(0)));

        var refused = Assert.IsType<LineRefused>(Assert.Single(run.Do(new LineArrives(LineKind.Chat, Seconds(0.2)))));
        Assert.Equal(0.3, refused.RetryAfter.TotalSeconds, 6);
        Assert.False(refused.IgnoredHint);

        // Waiting the hint finds a slot: the line is held, not refused.
        var events = run.Do(new LineArrives(LineKind.Chat, Seconds(0.5)));
        Assert.Equal([typeof(HeldLineForwarded), typeof(LineHeld)], events.Select(e => e.GetType()));
    }

    [Fact]
    public void A_sender_that_always_waits_its_hint_is_never_closed()
    {
        var run = new Run(Limits with { CloseAfterIgnoringHintsFor = Seconds(1) });
        var now = Seconds(0);
        for (var line = 0; line < 1000; line++)
        {
            var events = run.Do(new LineArrives(LineKind.Chat, now));
            // A refused line is sent again after its hint; the rest go on at once.
            for (var tries = 0; events.OfType<LineRefused>().SingleOrDefault() is { } refused; tries++)
            {
                Assert.InRange(tries, 0, 2);
                Assert.False(refused.IgnoredHint);
                now += refused.RetryAfter;
                events = run.Do(new LineArrives(LineKind.Chat, now));
            }
        }
        Assert.Empty(run.Events.OfType<ClosedForFlooding>());
        Assert.False(run.State.Closed);
    }

    [Fact]
    public void A_sender_that_keeps_sending_before_its_hints_is_closed_once_it_has_done_so_for_the_sustained_time()
    {
        var run = new Run(Limits);
        var now = Seconds(0);
        while (!run.State.Closed && now < Seconds(60))
        {
            run.Do(new LineArrives(LineKind.Chat, now));
            now += Seconds(0.01);
        }
        // The first refusal (at 10 lines: 4 on, 6 held) set the first hint; the next line ignored it.
        var firstIgnored = run.Events.OfType<LineRefused>().First(r => r.IgnoredHint).At;
        Assert.Equal(0.11, firstIgnored.TotalSeconds, 6);
        Assert.InRange(now - Seconds(0.01) - firstIgnored, Seconds(10), Seconds(10.03));
        Assert.IsType<ClosedForFlooding>(run.Events[^1]);
        Assert.Empty(run.Do(new LineArrives(LineKind.Request, now)));
    }

    [Fact]
    public void A_sender_whose_backlog_ran_empty_is_forgiven_what_it_ignored_before()
    {
        var run = new Run(Limits with { CloseAfterIgnoringHintsFor = Seconds(5) });
        for (var i = 0; i < 20; i++)
            run.Do(new LineArrives(LineKind.Chat, Seconds(0)));
        Assert.NotNull(run.State.IgnoringHintsSince);

        run.Do(new TimePasses(Seconds(3)));
        Assert.Equal(0, run.State.Held);
        Assert.Null(run.State.IgnoringHintsSince);
    }

    [Fact]
    public void Requests_overtake_a_backlog_of_held_chat_lines()
    {
        var run = new Run(Limits with { MaxHeldLines = 60 });
        var arrivals = Enumerable.Repeat(LineKind.Chat, 54).Append(LineKind.Request).ToList();
        foreach (var kind in arrivals)
            run.Do(new LineArrives(kind, Seconds(0)));
        Assert.Equal((50, 1), (run.State.HeldChatLines, run.State.HeldRequests));

        var next = Assert.Single(run.Do(new TimePasses(Seconds(0.5))));
        Assert.Equal(new HeldLineForwarded(LineKind.Request, Seconds(0.5)), next);
        Assert.Equal(50, run.State.HeldChatLines);
    }

    [Fact]
    public void At_the_in_flight_bound_the_reader_pauses_and_an_answer_lets_the_next_chat_line_on()
    {
        var run = new Run(Limits with { Burst = 1000, MaxInFlight = 3 });
        for (var i = 0; i < 3; i++)
            Assert.IsType<LineForwarded>(Assert.Single(run.Do(new LineArrives(LineKind.Chat, Seconds(0)))));
        Assert.True(run.State.AtInFlightBound);

        // A line read in the same buffer waits for an answer; a request still goes on.
        Assert.IsType<LineHeld>(Assert.Single(run.Do(new LineArrives(LineKind.Chat, Seconds(0)))));
        Assert.IsType<LineForwarded>(Assert.Single(run.Do(new LineArrives(LineKind.Request, Seconds(0)))));
        Assert.Null(run.State.NextReleaseIn(Seconds(0)));

        var events = run.Do(new ChatLineAnswered(Seconds(0.1)));
        Assert.Equal([new InFlightLineAnswered(), new HeldLineForwarded(LineKind.Chat, Seconds(0.1))], events);
        Assert.Equal(3, run.State.InFlight);
        Assert.True(run.State.AtInFlightBound);
    }

    [Fact]
    public void A_flow_with_no_hint_to_give_stops_reading_at_its_held_bound_and_reads_again_once_one_goes_on()
    {
        var run = new Run(Limits with { PauseReadWhenHeldFull = true });
        for (var i = 0; i < 9; i++)
            run.Do(new LineArrives(LineKind.Chat, Seconds(0)));
        Assert.False(run.State.StopsReading);

        // The tenth fills the held lines: the reader stops before an eleventh could be refused.
        run.Do(new LineArrives(LineKind.Chat, Seconds(0)));
        Assert.Equal(6, run.State.Held);
        Assert.True(run.State.StopsReading);
        Assert.False(run.State.AtInFlightBound);

        Assert.Single(run.Do(new TimePasses(Seconds(0.5))).OfType<HeldLineForwarded>());
        Assert.False(run.State.StopsReading);
        Assert.Empty(run.Events.OfType<LineRefused>());
    }

    [Fact]
    public void A_flow_that_refuses_over_its_held_bound_goes_on_reading()
    {
        var run = new Run(Limits);
        for (var i = 0; i < 10; i++)
            run.Do(new LineArrives(LineKind.Chat, Seconds(0)));

        Assert.Equal(6, run.State.Held);
        Assert.False(run.State.StopsReading);
    }

    [Fact]
    public void In_flight_never_passes_its_bound_whatever_arrives()
    {
        var run = new Run(Limits with { Burst = 1000, LinesPerSecond = 1000, MaxInFlight = 5, MaxHeldLines = 3 });
        var random = new Random(13);
        for (var step = 0; step < 5000; step++)
        {
            var now = Seconds(step * 0.001);
            InboundCommand command = random.Next(3) switch
            {
                0 when run.State.InFlight > 0 => new ChatLineAnswered(now),
                1 => new LineArrives(LineKind.Request, now),
                _ when !run.State.AtInFlightBound => new LineArrives(LineKind.Chat, now),
                _ => new TimePasses(now),
            };
            run.Do(command);
            Assert.InRange(run.State.InFlight, 0, 5);
            Assert.InRange(run.State.Held, 0, 3);
        }
    }
}
