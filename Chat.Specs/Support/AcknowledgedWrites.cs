using Chat.Protocol;

namespace Chat.Specs.Support;

/// <summary>
/// Writers that say numbered lines in a room as fast as the host acknowledges them (a few in
/// flight each) until their host dies under them, and the check that every acknowledged line is
/// in the room's history once, where its seq says, in each writer's order.
/// </summary>
public sealed class AcknowledgedWrites(string room, int inFlightPerWriter = 8)
{
    public sealed record Acknowledged(string Text, long Seq);

    private int _count;

    /// <summary>Lines acknowledged so far, by all writers.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Says "writer-n" lines until the connection fails, a reply does not come or is a refusal, or
    /// <paramref name="enough"/> is signalled (then the lines in flight are answered first, so none
    /// commits after the writer returns); returns what was acknowledged.
    /// </summary>
    /// <param name="enough">
    /// Signalled once the node has gone: a writer on another node whose lines were held through a
    /// graceful hand-off, rather than refused, is never cut off and would write on for a million
    /// lines (a run hung on that for over ten minutes).
    /// </param>
    public async Task<List<Acknowledged>> WriteUntilCutOffAsync(RawClient client, string writer, CancellationToken enough = default)
    {
        var acknowledged = new List<Acknowledged>();
        var inFlight = new Queue<(RequestId Id, string Text)>();
        try
        {
            // Bounded only so that a host that never dies cannot hang the run.
            for (var n = 0; n < 1_000_000 && !enough.IsCancellationRequested; n++)
            {
                var text = $"{writer}-{n}";
                inFlight.Enqueue((await client.SendAsync(new Say(room, text)), text));
                if (inFlight.Count < inFlightPerWriter)
                    continue;
                var (id, sent) = inFlight.Dequeue();
                Acknowledge(acknowledged, sent, Assert.IsType<Ok>(await client.ExpectReplyAsync(id)));
            }
            while (inFlight.TryDequeue(out var last))
                if (await client.ExpectReplyAsync(last.Id) is Ok ok)
                    Acknowledge(acknowledged, last.Text, ok);
        }
        catch (Exception e) when (e is IOException or Xunit.Sdk.XunitException or ObjectDisposedException or OperationCanceledException)
        {
            // The host died (or the room moved) under us: what was acknowledged until now is what must have survived.
        }
        return acknowledged;
    }

    private void Acknowledge(List<Acknowledged> acknowledged, string text, Ok ok)
    {
        acknowledged.Add(new Acknowledged(text, ok.Seq!.Value));
        Interlocked.Increment(ref _count);
    }

    /// <summary>Waits until the writers together have this many lines acknowledged.</summary>
    public Task UntilAcknowledgedAsync(int count) => Retry.UntilItPassesAsync(() =>
    {
        Assert.True(Count >= count, $"{Count} of {count} acknowledged");
        return Task.CompletedTask;
    });

    /// <summary>The room's whole history, oldest first, paged over the protocol.</summary>
    public async Task<List<ChatMessage>> HistoryAsync(RawClient client)
    {
        var history = new List<ChatMessage>();
        for (long? before = null; ;)
        {
            var page = Assert.IsType<HistoryPage>(await client.RequestAsync(new HistoryRequest(Room: room, Before: before, Limit: 200)));
            history.InsertRange(0, page.Messages.OfType<ChatMessage>());
            if (page.Complete || page.Messages.Count == 0)
                return history;
            before = history[0].Seq;
        }
    }

    /// <summary>Every acknowledged line once, at its seq; seqs rising; the last line said after the failure comes after them all.</summary>
    public static void AssertInHistoryOnceInOrder(List<Acknowledged> acknowledged, List<ChatMessage> history, string lastText)
    {
        var bySeq = history.ToDictionary(m => m.Seq, m => m.Text);

        Assert.Equal(history.Count, history.Select(m => m.Text).Distinct().Count());
        Assert.Equal(history.Select(m => m.Seq).Order(), history.Select(m => m.Seq));
        Assert.All(acknowledged, a => Assert.Equal(a.Text, bySeq.GetValueOrDefault(a.Seq)));
        foreach (var writer in acknowledged.GroupBy(a => a.Text.Split('-')[0]))
            Assert.Equal(writer.Select(a => a.Seq).Order(), writer.Select(a => a.Seq));
        Assert.Equal(lastText, history[^1].Text);
        Assert.True(history[^1].Seq > acknowledged.Max(a => a.Seq));
    }
}
