using Chat.Actors.Accounts;

namespace Chat.Specs.Accounts;

public class HashQueueSpecs
{
    private sealed record Job(string? Peer, string Account, string Name) : IHashJob;

    private static readonly HashQueueLimits Roomy = new() { MaxQueued = 100, MaxPerPeer = 100, MaxPerAccount = 100 };

    private static List<string> Drain(HashQueue<Job> queue)
    {
        var order = new List<string>();
        while (queue.TakeNext() is { } job)
        {
            order.Add(job.Name);
            queue.Finished(job);
        }
        return order;
    }

    [Fact]
    public void Peers_are_served_in_turn_so_a_burst_waits_behind_its_own_work()
    {
        var queue = new HashQueue<Job>(Roomy);
        foreach (var i in Enumerable.Range(1, 3))
            Assert.Null(queue.TryEnqueue(new Job("uid:666", $"user:rnd{i}", $"mallory{i}")));
        Assert.Null(queue.TryEnqueue(new Job("uid:1000", "user:alice", "alice")));

        Assert.Equal(["mallory1", "alice", "mallory2", "mallory3"], Drain(queue));
    }

    [Fact]
    public void Each_bound_refuses_before_queuing_and_frees_when_the_work_is_done()
    {
        var queue = new HashQueue<Job>(new HashQueueLimits { MaxQueued = 3, MaxPerPeer = 2, MaxPerAccount = 1 });

        Assert.Null(queue.TryEnqueue(new Job("p", "user:a", "1")));
        Assert.Contains("this account", queue.TryEnqueue(new Job("q", "user:a", "x")));
        Assert.Null(queue.TryEnqueue(new Job("p", "user:b", "2")));
        Assert.Contains("from you", queue.TryEnqueue(new Job("p", "user:c", "x")));
        Assert.Null(queue.TryEnqueue(new Job(null, "user:c", "3")));
        Assert.Contains("busy", queue.TryEnqueue(new Job(null, "user:d", "x")));
        Assert.Equal(3, queue.Queued);

        var first = queue.TakeNext()!;
        Assert.Equal(1, queue.Running);
        Assert.Contains("from you", queue.TryEnqueue(new Job("p", "user:e", "x")));
        queue.Finished(first);
        Assert.Null(queue.TryEnqueue(new Job("p", "user:a", "4")));
    }

    [Fact]
    public void Work_whose_asker_has_gone_is_dropped_unhashed_and_frees_its_places()
    {
        var queue = new HashQueue<Job>(new HashQueueLimits { MaxQueued = 10, MaxPerPeer = 2, MaxPerAccount = 10 });
        queue.TryEnqueue(new Job("p", "user:a", "gone1"));
        queue.TryEnqueue(new Job("p", "user:b", "gone2"));
        queue.TryEnqueue(new Job("q", "user:c", "stays"));

        Assert.Equal(2, queue.Drop(job => job.Name.StartsWith("gone", StringComparison.Ordinal)));

        Assert.Null(queue.TryEnqueue(new Job("p", "user:d", "next")));
        Assert.Equal(["stays", "next"], Drain(queue));
        Assert.Equal((0, 0), (queue.Queued, queue.Running));
    }
}
