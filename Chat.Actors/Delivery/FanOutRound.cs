using System.Collections.Immutable;
using Akka.Actor;

namespace Chat.Actors.Delivery;

/// <summary>
/// One room's writes on one node, made in slices of its audience taken round and round: each
/// step writes one slice everything the room sent that its members have not had yet, in one
/// write per member. A batch starts at the slice the round is at and is done when the round
/// comes back there, so every member gets every batch once, in order, and a message waits for
/// the round to reach its reader, not for a whole write of the room to end and another to begin
/// (docs/architecture.md, "Fan-out"). Between steps the delivery actor does its other work.
/// With a pause (<see cref="FanOutPacing"/>), a round whose first slice's last write was small
/// starts again only once the round's writing time and a pause in proportion have passed since
/// that write, unless what waits has outgrown it: fewer, larger writes for less CPU while the room
/// keeps up. A room smaller than where slices begin is one slice: each round one write of it all.
/// Pure: the writes and the clock are given to it.
/// </summary>
internal sealed class FanOutRound(FanOutPacing pacing, Func<long> clock)
{
    /// <summary>What a step does: writes to sessions, and tells when a batch reached everyone.</summary>
    public interface IEffects
    {
        void Write(IActorRef session, ReadOnlyMemory<byte> frames);

        /// <summary>The batch received at this clock reading reached every member.</summary>
        void Completed(long receivedAt);
    }

    private sealed class Batch(byte[] frames, IReadOnlyDictionary<IActorRef, int>? entered, long receivedAt)
    {
        public byte[] Frames { get; } = frames;
        public IReadOnlyDictionary<IActorRef, int>? Entered { get; } = entered;
        public long ReceivedAt { get; } = receivedAt;
        // The slice of its first write (-1 until then): written to all once the round is back there.
        public int StartSlice { get; set; } = -1;
    }

    // When a slice's last write started, how long it took, and how many bytes each member got.
    private readonly record struct SliceWrite(long Start, long Duration, int Bytes);

    private readonly List<Batch> _pending = [];
    private ImmutableArray<IActorRef> _audience = [];
    private SliceWrite[] _slices = [default];
    private int _cursor;
    private int _sliceSize = 1;
    // The pending batches one after the other, kept until they change.
    private byte[]? _joined;

    public bool IsIdle => _pending.Count == 0;

    public int Members => _audience.Length;

    public void Add(DeliverFanOut fanOut)
    {
        var entered = fanOut.Entered.IsDefaultOrEmpty ? null : fanOut.Entered.ToDictionary(e => e.Session, e => e.Offset, SessionRefComparer.Instance);
        _pending.Add(new Batch(fanOut.Frames, entered, clock()));
        _joined = null;
    }

    /// <summary>
    /// The members changed: what is pending is written first to those it was sent for (a member
    /// who leaves gets everything up to their "left"; a joiner nothing from before its page).
    /// </summary>
    public void ChangeAudience(ImmutableArray<IActorRef> sessions, IEffects effects)
    {
        WriteEverything(effects);
        _audience = sessions;
        // A room smaller than SlicesFrom is written whole: its write is short, and each slice's
        // own wait for the delivery actor's turn would cost more than the round saves.
        _sliceSize = sessions.Length < pacing.SlicesFrom ? Math.Max(1, sessions.Length) : pacing.SliceMembers;
        var count = Math.Max(1, (sessions.Length + _sliceSize - 1) / _sliceSize);
        if (count != _slices.Length)
            Array.Resize(ref _slices, count);
        _cursor %= count;
    }

    /// <summary>Writes what is pending to every member it has not reached yet, now.</summary>
    public void WriteEverything(IEffects effects)
    {
        while (_pending.Count > 0)
            Step(effects);
    }

    /// <summary>How long until the next step may go: zero for now, null when nothing waits.</summary>
    public TimeSpan? NextStepIn()
    {
        if (_pending.Count == 0)
            return null;
        // The pause comes once a round, before its first slice: waits between slices would each
        // cost a timer's wake-up on a busy core and stretch the round.
        if (_cursor != 0)
            return TimeSpan.Zero;
        var last = _slices[_cursor];
        if (last == default || pacing.Pause <= 0 || last.Bytes >= pacing.BelowBytes || PendingBytes > last.Bytes)
            return TimeSpan.Zero;
        var writing = 0L;
        foreach (var slice in _slices)
            writing += slice.Duration;
        var due = last.Start + writing + pacing.PauseAfter(writing);
        var now = clock();
        return due <= now ? TimeSpan.Zero : TimeSpan.FromSeconds((due - now) / (double)System.Diagnostics.Stopwatch.Frequency);
    }

    private int PendingBytes
    {
        get
        {
            var bytes = 0;
            foreach (var batch in _pending)
                bytes += batch.Frames.Length;
            return bytes;
        }
    }

    /// <summary>Writes the slice the round is at, then moves on to the next.</summary>
    public void Step(IEffects effects)
    {
        if (_pending.Count == 0)
            return;
        var start = clock();
        var slice = _cursor;
        var joined = Joined();
        var anyEntered = _pending.Exists(batch => batch.Entered is not null);
        var end = Math.Min(_audience.Length, (slice + 1) * _sliceSize);
        for (var member = slice * _sliceSize; member < end; member++)
        {
            var session = _audience[member];
            if (anyEntered && HasEntered(session))
                WriteFromEntry(session, effects);
            else
                WriteInParts(session, joined, effects);
        }
        foreach (var batch in _pending)
            if (batch.StartSlice < 0)
                batch.StartSlice = slice;
        _slices[slice] = new SliceWrite(start, clock() - start, joined.Length);
        _cursor = (slice + 1) % _slices.Length;
        var done = _pending.RemoveAll(batch =>
        {
            if (batch.StartSlice != _cursor)
                return false;
            effects.Completed(batch.ReceivedAt);
            return true;
        });
        if (done > 0)
            _joined = null;
    }

    /// <summary>The room stops being written (the host said goodbye): what waits is dropped.</summary>
    public void Abandon()
    {
        _pending.Clear();
        _joined = null;
    }

    private byte[] Joined()
    {
        if (_joined is not null)
            return _joined;
        if (_pending.Count == 1)
            return _joined = _pending[0].Frames;
        var joined = new byte[PendingBytes];
        var at = 0;
        foreach (var batch in _pending)
        {
            batch.Frames.CopyTo(joined, at);
            at += batch.Frames.Length;
        }
        return _joined = joined;
    }

    // One write per member as a rule; a backlog larger than one reply may carry goes in several,
    // split between batches, so no single write passes what a connection may queue (FrameBounds).
    private void WriteInParts(IActorRef session, byte[] joined, IEffects effects)
    {
        if (joined.Length <= pacing.MaxWriteBytes)
        {
            effects.Write(session, joined);
            return;
        }
        var (from, length) = (0, 0);
        foreach (var batch in _pending)
        {
            if (length > 0 && length + batch.Frames.Length > pacing.MaxWriteBytes)
            {
                effects.Write(session, joined.AsMemory(from, length));
                (from, length) = (from + length, 0);
            }
            length += batch.Frames.Length;
        }
        effects.Write(session, joined.AsMemory(from, length));
    }

    private bool HasEntered(IActorRef session)
    {
        foreach (var batch in _pending)
            if (batch.Entered?.ContainsKey(session) == true)
                return true;
        return false;
    }

    // A session that entered while a batch was gathered gets that batch from its entry on.
    private void WriteFromEntry(IActorRef session, IEffects effects)
    {
        foreach (var batch in _pending)
        {
            var from = batch.Entered?.GetValueOrDefault(session) ?? 0;
            if (from < batch.Frames.Length)
                effects.Write(session, batch.Frames.AsMemory(from));
        }
    }
}

/// <summary>
/// How a node writes a room: <paramref name="SliceMembers"/> members a step
/// (chat.rooms.fan-out-slice-members) when it holds at least <paramref name="SlicesFrom"/> of its
/// members (chat.rooms.fan-out-slices-from), else all of them. A round whose first slice's last
/// write was under <paramref name="BelowBytes"/> (chat.rooms.fan-out-pause-below-bytes) waits,
/// after the round's writing time W since that write, a pause of W times <paramref name="Pause"/>
/// (chat.rooms.fan-out-pause), cut to keep the round within <paramref name="RoundTarget"/>
/// (chat.rooms.fan-out-round-target) but never below W times <paramref name="LeastPause"/>
/// (chat.rooms.fan-out-pause-least). At most <paramref name="MaxWriteBytes"/> a write when a
/// backlog allows (chat.protocol.max-reply-bytes).
/// </summary>
public sealed record FanOutPacing(double Pause, double LeastPause, TimeSpan RoundTarget, int BelowBytes, int SliceMembers, int SlicesFrom, int MaxWriteBytes)
{
    public static FanOutPacing From(ChatSettings settings) =>
        new(settings.FanOutPause, settings.FanOutLeastPause, settings.FanOutRoundTarget, settings.FanOutPauseBelowBytes, settings.FanOutSliceMembers, settings.FanOutSlicesFrom, settings.MaxReplyBytes);

    /// <summary>The pause after a round that took <paramref name="writing"/> (Stopwatch ticks) to write, in the same ticks.</summary>
    public long PauseAfter(long writing)
    {
        var most = (long)(writing * Pause);
        var least = Math.Min(most, (long)(writing * LeastPause));
        var withinTarget = (long)(RoundTarget.TotalSeconds * System.Diagnostics.Stopwatch.Frequency) - writing;
        return Math.Clamp(withinTarget, least, most);
    }
}
