using System.Collections.Immutable;
using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Protocol;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <param name="Connections">The member's connections, which the room sends its traffic to.</param>
public sealed record RoomMember(string Username, string Nickname, IActorRef User, ImmutableArray<ClientConnection> Connections)
{
    /// <summary>The away reason ("" for none given); null while the member is not away.</summary>
    public string? Away { get; init; }
}

/// <summary>A message the room numbered and sent to the store, waiting for its commit.</summary>
public sealed record PendingMessage(RoomMessageRecord Record, RequestId? Re, IActorRef ReplyTo)
{
    public bool Committed { get; init; }
}

/// <summary>
/// The rules of one room, free of actors: who is in it, which sequence number comes next, and
/// in which order committed messages may be delivered. Commits can be reported out of order;
/// messages are still delivered strictly by sequence number.
/// </summary>
public sealed class RoomState(string name, long lastSeq, RecentMessages recent)
{
    private readonly Dictionary<string, RoomMember> _members = new(StringComparer.Ordinal);
    private readonly LinkedList<PendingMessage> _pending = new();

    public string Name { get; } = name;
    public long LastSeq { get; private set; } = lastSeq;
    public IReadOnlyCollection<RoomMember> Members => _members.Values;
    public int PendingCount => _pending.Count;
    /// <summary>No member and no message waiting for its commit: nothing is lost if the room stops.</summary>
    public bool IsIdle => _members.Count == 0 && _pending.Count == 0;
    public RecentMessages Recent { get; } = recent;

    public bool IsMember(string username) => _members.ContainsKey(username);

    /// <summary>False when the user is already a member (a second connection of the same user).</summary>
    public bool Join(RoomMember member) => _members.TryAdd(member.Username, member);

    public RoomMember? Leave(string username) => _members.Remove(username, out var member) ? member : null;

    /// <summary>The member with their connections replaced, or null when not a member.</summary>
    public RoomMember? Reconnect(string username, ImmutableArray<ClientConnection> connections) =>
        _members.TryGetValue(username, out var member) ? _members[username] = member with { Connections = connections } : null;

    public RoomMember? MemberByActor(IActorRef user) => _members.Values.FirstOrDefault(m => m.User.Equals(user));

    public RoomMember? Member(string username) => _members.GetValueOrDefault(username);

    /// <summary>The old nickname, or null when the user is not a member or the name did not change.</summary>
    public string? Rename(string username, string nickname)
    {
        if (!_members.TryGetValue(username, out var member) || member.Nickname == nickname)
            return null;
        _members[username] = member with { Nickname = nickname };
        return member.Nickname;
    }

    /// <summary>The member with their new away state, or null when not a member or nothing changed.</summary>
    public RoomMember? SetAway(string username, string? away)
    {
        if (!_members.TryGetValue(username, out var member) || member.Away == away)
            return null;
        return _members[username] = member with { Away = away };
    }

    public IReadOnlyList<Member> Roster() =>
        _members.Values
            .OrderBy(m => m.Nickname, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Username, StringComparer.Ordinal)
            .Select(m => new Member(m.Username, m.Nickname) { Away = m.Away })
            .ToList();

    /// <summary>Numbers a new message; it waits until <see cref="Commit"/> says it is stored.</summary>
    public PendingMessage Accept(string username, string nickname, string text, DateTime ts, RequestId? re, IActorRef replyTo)
    {
        var record = new RoomMessageRecord(Name, ++LastSeq, username, nickname, text, ts);
        var pending = new PendingMessage(record, re, replyTo);
        _pending.AddLast(pending);
        return pending;
    }

    /// <summary>Marks a message stored; returns the messages now deliverable, in sequence order.</summary>
    public IReadOnlyList<PendingMessage> Commit(long seq)
    {
        var node = Find(seq);
        if (node is not null)
            node.Value = node.Value with { Committed = true };
        return TakeDeliverable();
    }

    /// <summary>Drops a message the store refused; returns it and whatever its failure unblocked.</summary>
    public (PendingMessage? Failed, IReadOnlyList<PendingMessage> Deliverable) Fail(long seq)
    {
        var node = Find(seq);
        if (node is null)
            return (null, []);
        _pending.Remove(node);
        return (node.Value, TakeDeliverable());
    }

    private LinkedListNode<PendingMessage>? Find(long seq)
    {
        for (var node = _pending.First; node is not null; node = node.Next)
            if (node.Value.Record.Seq == seq)
                return node;
        return null;
    }

    private List<PendingMessage> TakeDeliverable()
    {
        var ready = new List<PendingMessage>();
        while (_pending.First is { Value.Committed: true } first)
        {
            ready.Add(first.Value);
            Recent.Add(first.Value.Record);
            _pending.RemoveFirst();
        }
        return ready;
    }
}
