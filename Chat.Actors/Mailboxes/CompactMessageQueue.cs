using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace Chat.Actors.Mailboxes;

/// <summary>
/// An actor's message queue that costs almost nothing while it is empty: a ring of envelopes
/// under a lock, allocated at the first message and let go again when a drained queue had grown
/// past a burst's size. Akka's unbounded queue is a <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/>
/// whose first segment (32 slots, 1 KiB) exists from the actor's start, plus a stack for the
/// stash: at two actors per connection that was 2 KiB of every idle connection (docs/benchmarks.md,
/// "Memory per connection"). Messages come out in the order they went in; <see cref="EnqueueFirst"/>
/// puts one before all others, as the stash's unstash needs. It locks on itself: only its mailbox
/// holds it, and a lock object of its own would be 40 bytes more on every actor.
/// </summary>
public sealed class CompactMessageQueue : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    private const int FirstCapacity = 4;
    // A drained queue larger than this gives its array back: an idle connection keeps at most this many slots.
    private const int KeptCapacity = 16;

    private Envelope[] _ring = [];
    private int _head;
    private int _count;

    /// <summary>The slots the queue holds now (the specs check that a drained queue lets a burst's go).</summary>
    internal int Capacity => _ring.Length;

    public bool HasMessages => Volatile.Read(ref _count) > 0;

    public int Count => Volatile.Read(ref _count);

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (this)
        {
            MakeRoom();
            _ring[(_head + _count) % _ring.Length] = envelope;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    public void EnqueueFirst(Envelope envelope)
    {
        lock (this)
        {
            MakeRoom();
            _head = (_head + _ring.Length - 1) % _ring.Length;
            _ring[_head] = envelope;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (Volatile.Read(ref _count) == 0)
        {
            envelope = default;
            return false;
        }
        lock (this)
        {
            if (_count == 0)
            {
                envelope = default;
                return false;
            }
            envelope = _ring[_head];
            _ring[_head] = default;
            _head = (_head + 1) % _ring.Length;
            Volatile.Write(ref _count, _count - 1);
            if (_count == 0 && _ring.Length > KeptCapacity)
            {
                _ring = [];
                _head = 0;
            }
            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
            deadletters.Enqueue(owner, envelope);
    }

    private void MakeRoom()
    {
        if (_count < _ring.Length)
            return;
        var larger = new Envelope[Math.Max(FirstCapacity, _ring.Length * 2)];
        for (var i = 0; i < _count; i++)
            larger[i] = _ring[(_head + i) % _ring.Length];
        _ring = larger;
        _head = 0;
    }
}
