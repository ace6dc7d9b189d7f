using Akka.Actor;
using Chat.Actors.Mailboxes;

namespace Chat.Specs.Mailboxes;

public sealed class CompactMessageQueueSpecs
{
    private static Envelope Message(int n) => new(n, ActorRefs.NoSender);

    private static List<int> Drain(CompactMessageQueue queue)
    {
        var received = new List<int>();
        while (queue.TryDequeue(out var envelope))
            received.Add((int)envelope.Message);
        return received;
    }

    [Fact]
    public void An_empty_queue_holds_no_slots_and_has_nothing_to_give()
    {
        var queue = new CompactMessageQueue();

        Assert.Equal(0, queue.Capacity);
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void Messages_come_out_in_the_order_they_went_in_while_the_queue_grows()
    {
        var queue = new CompactMessageQueue();
        for (var i = 0; i < 3; i++)
            queue.Enqueue(ActorRefs.Nobody, Message(i));
        Assert.Equal([0, 1], [(int)Take(queue), (int)Take(queue)]);
        // The ring has wrapped; growing it must keep the order.
        for (var i = 3; i < 40; i++)
            queue.Enqueue(ActorRefs.Nobody, Message(i));

        Assert.Equal(38, queue.Count);
        Assert.Equal(Enumerable.Range(2, 38), Drain(queue));
        Assert.False(queue.HasMessages);
    }

    [Fact]
    public void A_message_put_first_comes_out_before_all_others_and_the_last_put_first_leads()
    {
        // The stash's unstash-all puts its messages first, last to first, so they come out in their old order.
        var queue = new CompactMessageQueue();
        queue.Enqueue(ActorRefs.Nobody, Message(10));
        queue.Enqueue(ActorRefs.Nobody, Message(11));
        queue.EnqueueFirst(Message(2));
        queue.EnqueueFirst(Message(1));

        Assert.Equal([1, 2, 10, 11], Drain(queue));
    }

    [Fact]
    public void A_drained_queue_gives_back_what_a_burst_made_it_grow_to_and_keeps_a_small_ring()
    {
        var queue = new CompactMessageQueue();
        for (var i = 0; i < 100; i++)
            queue.Enqueue(ActorRefs.Nobody, Message(i));
        Assert.True(queue.Capacity >= 100);

        Assert.Equal(Enumerable.Range(0, 100), Drain(queue));
        Assert.Equal(0, queue.Capacity);

        queue.Enqueue(ActorRefs.Nobody, Message(1));
        Take(queue);
        Assert.Equal(4, queue.Capacity);
    }

    [Fact]
    public void What_is_left_at_the_end_goes_to_the_dead_letters_in_order()
    {
        var queue = new CompactMessageQueue();
        var deadLetters = new CompactMessageQueue();
        for (var i = 0; i < 5; i++)
            queue.Enqueue(ActorRefs.Nobody, Message(i));

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        Assert.False(queue.HasMessages);
        Assert.Equal(Enumerable.Range(0, 5), Drain(deadLetters));
    }

    [Fact]
    public async Task Senders_on_many_threads_lose_nothing_and_each_one_s_messages_keep_their_order()
    {
        const int senders = 4, each = 20_000;
        var queue = new CompactMessageQueue();
        var producing = Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < each; i++)
                queue.Enqueue(ActorRefs.Nobody, Message(s * each + i));
        })).ToArray();
        var next = new int[senders];
        var received = 0;
        var allSent = Task.WhenAll(producing);
        while (received < senders * each)
        {
            if (!queue.TryDequeue(out var envelope))
            {
                Assert.False(allSent.IsCompleted && !queue.HasMessages, $"only {received} of {senders * each} arrived");
                await Task.Yield();
                continue;
            }
            var n = (int)envelope.Message;
            Assert.Equal(next[n / each]++, n % each);
            received++;
        }
        await allSent;
        Assert.False(queue.HasMessages);
    }

    private static object Take(CompactMessageQueue queue) =>
        queue.TryDequeue(out var envelope) ? envelope.Message : throw new InvalidOperationException("the queue was empty");
}
