using System.Collections.Concurrent;
using Chat.Host.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Specs.Storage;

/// <summary>
/// The store's write queue is bounded: past its capacity a write is neither refused nor dropped,
/// it waits for room, and every write runs once, in the order submitted. Counted with a writer
/// held inside its first batch, so the counts cannot move while they are read.
/// </summary>
public sealed class GroupCommitQueueSpecs
{
    private const int Capacity = 4;
    private const int MaxBatch = 2;

    /// <summary>A queue whose writer has taken write 0 and waits inside its batch until <paramref name="release"/> is set.</summary>
    private static (GroupCommitQueue<ConcurrentQueue<int>> Queue, Task First) HeldInFirstBatch(ConcurrentQueue<int> ran, ManualResetEventSlim release)
    {
        var firstBatchEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new GroupCommitQueue<ConcurrentQueue<int>>(batch =>
        {
            firstBatchEntered.TrySetResult();
            release.Wait();
            foreach (var write in batch)
            {
                write.Run(ran);
                write.Publish();
            }
        }, MaxBatch, Capacity, "spec store", NullLogger.Instance);
        var first = queue.SubmitAsync(r => r.Enqueue(0), CancellationToken.None);
        Assert.True(firstBatchEntered.Task.Wait(TimeSpan.FromSeconds(10)), "the writer took the first write");
        return (queue, first);
    }

    [Fact]
    public async Task A_full_queue_holds_its_capacity_and_the_writes_past_it_wait_unrefused_then_all_run_in_order()
    {
        var ran = new ConcurrentQueue<int>();
        using var release = new ManualResetEventSlim();
        var (queue, first) = HeldInFirstBatch(ran, release);

        var rest = Enumerable.Range(1, 10).Select(i => queue.SubmitAsync(r => r.Enqueue(i), CancellationToken.None)).ToList();

        Assert.Equal(Capacity, queue.Queued);
        Assert.Equal(10 - Capacity, queue.WaitingForRoom);
        Assert.All(rest, write => Assert.False(write.IsCompleted));

        release.Set();
        await Task.WhenAll(rest.Prepend(first));
        await queue.CompleteAsync();

        Assert.Equal(Enumerable.Range(0, 11), ran);
        Assert.Equal(0, queue.Queued);
        Assert.Equal(0, queue.WaitingForRoom);
    }

    [Fact]
    public async Task A_write_waiting_for_room_whose_asker_has_gone_is_dropped_unrun()
    {
        var ran = new ConcurrentQueue<int>();
        using var release = new ManualResetEventSlim();
        var (queue, first) = HeldInFirstBatch(ran, release);
        var queued = Enumerable.Range(1, Capacity).Select(i => queue.SubmitAsync(r => r.Enqueue(i), CancellationToken.None)).ToList();
        using var gone = new CancellationTokenSource();

        var abandoned = queue.SubmitAsync(r => r.Enqueue(99), gone.Token);
        Assert.Equal(1, queue.WaitingForRoom);
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(0, queue.WaitingForRoom);
        release.Set();
        await Task.WhenAll(queued.Prepend(first));
        await queue.CompleteAsync();
        Assert.Equal(Enumerable.Range(0, Capacity + 1), ran);
    }
}
