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

    /// <summary>A host operator (made so by the admin command): rules every room.</summary>
    public bool HostOperator { get; init; }
}

/// <summary>A message the room numbered and sent to the store, waiting for its commit.</summary>
public sealed record PendingMessage(RoomMessageRecord Record, RequestId? Re, IActorRef ReplyTo)
{
    public bool Committed { get; init; }
}

/// <summary>
/// The rules of one room, free of actors' behaviour: who is in it, which sequence number comes
/// next, and in which order committed messages may be delivered. It decides what a command
/// means (a join of a member already in, a message from someone who is not a member, a commit
/// that unblocks those behind it) and applies what happened. Commits can be reported out of
/// order; messages are still released strictly by sequence number. Immutable: the room actor
/// holds the current value.
/// </summary>
public sealed record RoomState(string Name, long LastSeq, RecentMessages Recent)
{
    public ImmutableDictionary<string, RoomMember> Members { get; init; } = ImmutableDictionary.Create<string, RoomMember>(StringComparer.Ordinal);

    /// <summary>Numbered messages waiting for the store, by seq.</summary>
    public ImmutableSortedDictionary<long, PendingMessage> Pending { get; init; } = ImmutableSortedDictionary<long, PendingMessage>.Empty;

    /// <summary>Which joins and leaves go into history; the departures held for their grace.</summary>
    public PresenceHistory Presence { get; init; } = PresenceHistory.Empty;

    /// <summary>No member, no message waiting for its commit, no departure waiting for its grace: nothing is lost if the room stops.</summary>
    public bool IsIdle => Members.IsEmpty && Pending.IsEmpty && Presence.Held.IsEmpty;

    /// <summary>Roles, bans, mutes, invitations, topic and flags: loaded with the room, changed once stored.</summary>
    public RoomModeration Moderation { get; init; } = RoomModeration.None;

    public bool IsMember(string username) => Members.ContainsKey(username);

    public RoomMember? Member(string username) => Members.GetValueOrDefault(username);

    public RoomMember? MemberByActor(IActorRef user) => Members.Values.FirstOrDefault(m => m.User.Equals(user));

    public IReadOnlyList<Member> Roster() =>
        Members.Values
            .OrderBy(m => m.Nickname, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Username, StringComparer.Ordinal)
            .Select(m => new Member(m.Username, m.Nickname) { Away = m.Away, Role = RoleOf(m.Username) })
            .ToList();

    /// <summary>The answer to "who": the members, and the topic with who set it and when.</summary>
    public Roster RosterFrame() => new(Name, Roster())
    {
        Topic = Moderation.Topic is { Length: > 0 } topic ? topic : null,
        TopicBy = Moderation.Topic.Length > 0 ? Moderation.TopicBy : null,
        TopicAt = Moderation.Topic.Length > 0 ? Moderation.TopicAt : null,
    };

    /// <summary>The role members see: the room's own (owner, operator), else operator for a host operator who is in the room.</summary>
    public string? RoleOf(string username) =>
        Moderation.RoleOf(username) ?? (Member(username)?.HostOperator == true ? RoomRoles.Operator : null);

    public RoomDecision Decide(RoomCommand command, DateTime now) => command switch
    {
        AdmitMember admit => Member(admit.Member.Username) is { } member
            ? DecideConnections(member, admit.Member.Connections)
            : DecideEntry(admit, now),
        RemoveMember remove => Member(remove.Username) is { } member
            ? RoomDecision.Of(remove.Disconnected
                ? new MemberLeft(member) { Held = new HeldDeparture(LastSeq + 1, member.Nickname, now) }
                : new MemberLeft(member) { Line = RoomMessageRecord.Left(Name, LastSeq + 1, member.Username, member.Nickname, now) })
            : RoomDecision.Nothing,
        KeepDeparture keep => !IsMember(keep.Username) && Presence.StillHeld(keep.Username, keep.Seq) is { } held
            ? RoomDecision.Of(new DepartureKept(RoomMessageRecord.Left(Name, held.Seq, keep.Username, held.Nickname, held.At)))
            : RoomDecision.Nothing,
        ReplaceConnections replace => Member(replace.Username) is { } member
            ? DecideConnections(member, replace.Connections)
            : RoomDecision.Nothing,
        ChangeMemberNickname nick => Member(nick.Username) is { } member && member.Nickname != nick.Nickname
            ? RoomDecision.Of(new MemberRenamed(member.Username, member.Nickname, nick.Nickname, RoomMessageRecord.Renamed(Name, LastSeq + 1, member.Username, member.Nickname, nick.Nickname, now)))
            : RoomDecision.Nothing,
        ChangeMemberAway away => Member(away.Username) is { } member && member.Away != away.Away
            ? RoomDecision.Of(new MemberAwayChanged(member.Username, member.Nickname, away.Away))
            : RoomDecision.Nothing,
        ChangeMemberStanding standing => Member(standing.Username) is { } member && member.HostOperator != standing.HostOperator
            ? RoomDecision.Of(new MemberStandingChanged(member.Username, standing.HostOperator))
            : RoomDecision.Nothing,
        AcceptMessage say when IsMember(say.Username) && Moderation.RefuseSpeech(Name, say.Username, now) is { } muted =>
            RoomDecision.Refuse(muted.Code, muted.Message),
        AcceptMessage say => IsMember(say.Username)
            ? RoomDecision.Of(new MessageAccepted(new PendingMessage(new RoomMessageRecord(Name, LastSeq + 1, say.Username, say.Nickname, say.Text, now) { Notice = say.Notice }, say.Re, say.ReplyTo)))
            : RoomDecision.Refuse(ErrorCodes.NotInRoom, $"you are not in {Name}"),
        ConfirmStored stored => Pending.ContainsKey(stored.Seq)
            ? RoomDecision.Of(new MessageCommitted(stored.Seq, ReleasedOnceSettled(stored.Seq, stored: true)))
            : RoomDecision.Nothing,
        ReportNotStored failed => Pending.TryGetValue(failed.Seq, out var message)
            ? RoomDecision.Of(new MessageDropped(message, ReleasedOnceSettled(failed.Seq, stored: false)))
            : RoomDecision.Nothing,
        Moderate moderate => DecideModeration(moderate, now),
        // The room's history is deleted with it: no line is kept.
        RemoveEveryone => RoomDecision.Of([.. Members.Values.Select(member => (RoomEvent)new MemberLeft(member) { Removed = true })]),
        ApplyModeration stored => RoomDecision.Of([new ModerationApplied(stored.Change),
            .. stored.Change.Action is ModerationActions.Kick or ModerationActions.Ban && Member(stored.Change.Target!) is { } target
                ? [new MemberLeft(target) { Removed = true, Line = RoomMessageRecord.Left(Name, LastSeq + 1, target.Username, target.Nickname, now) }]
                : Array.Empty<RoomEvent>()]),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a room command"),
    };

    /// <summary>
    /// A banned user, or one not invited to an invite-only room, stays out. The first member of a
    /// room that never had a member, a message or a role is its creator, and owns it.
    /// </summary>
    private RoomDecision DecideEntry(AdmitMember admit, DateTime now)
    {
        var (joiner, returning) = (admit.Member, admit.Returning);
        if (Moderation.RefuseEntry(Name, joiner.Username, joiner.HostOperator, now) is { } refused)
            return RoomDecision.Refuse(refused.Code, refused.Message);
        var joined = new MemberJoined(joiner, Presence.KeepsJoin(joiner.Username, returning)
            ? RoomMessageRecord.Joined(Name, LastSeq + 1, joiner.Username, joiner.Nickname, now)
            : null)
        {
            Announced = Presence.AnnouncesEntry(joiner.Username, admit.Moved),
            TakesBack = Presence.Held.GetValueOrDefault(joiner.Username),
        };
        return Members.IsEmpty && LastSeq == 0 && Moderation.Roles.IsEmpty && Name != RoomNames.Lobby
            ? RoomDecision.Of([joined, new OwnerNamed(new ModerationChange(Name, ModerationActions.Own, joiner.Username, now))])
            : RoomDecision.Of(joined);
    }

    private RoomDecision DecideModeration(Moderate moderate, DateTime now)
    {
        var (change, refused) = Moderation.Decide(Name, moderate.By, moderate.Request, user => Member(user)?.HostOperator, now);
        return refused is not null
            ? RoomDecision.Refuse(refused.Code, refused.Message)
            : RoomDecision.Of(new ModerationDecided(change!));
    }

    /// <summary>A connection the room did not send to before is named, so that it gets the page first.</summary>
    private static RoomDecision DecideConnections(RoomMember member, ImmutableArray<ClientConnection> connections) =>
        member.Connections.SequenceEqual(connections)
            ? RoomDecision.Nothing
            : RoomDecision.Of(new MemberConnectionsChanged(member.Username, connections, [.. connections.Except(member.Connections)]));

    /// <summary>
    /// The run of messages at the head of the queue that may go once <paramref name="seq"/> is
    /// settled (stored, or dropped): each committed, and none behind one still waiting.
    /// </summary>
    private ImmutableArray<PendingMessage> ReleasedOnceSettled(long seq, bool stored)
    {
        var released = ImmutableArray.CreateBuilder<PendingMessage>();
        foreach (var (pendingSeq, message) in Pending)
        {
            if (pendingSeq == seq)
            {
                if (stored)
                    released.Add(message with { Committed = true });
            }
            else if (message.Committed)
                released.Add(message);
            else
                break;
        }
        return released.DrainToImmutable();
    }

    public RoomState Apply(RoomEvent e) => e switch
    {
        MemberJoined joined => Keep(joined.Line) with
        {
            Members = Members.SetItem(joined.Member.Username, joined.Member),
            Presence = Presence.Entered(joined.Member.Username),
        },
        MemberLeft { Held: { } held } left => this with
        {
            Members = Members.Remove(left.Member.Username),
            LastSeq = held.Seq,
            Presence = Presence.Hold(left.Member.Username, held),
        },
        MemberLeft left => Keep(left.Line) with
        {
            Members = Members.Remove(left.Member.Username),
            Presence = Presence.Left(left.Member.Username),
        },
        DepartureKept kept => this with { Recent = Recent.Add(kept.Line), Presence = Presence.Kept(kept.Line.Username) },
        MemberConnectionsChanged changed => Update(changed.Username, member => member with { Connections = changed.Connections }),
        MemberRenamed renamed => Keep(renamed.Line).Update(renamed.Username, member => member with { Nickname = renamed.Nickname }),
        MemberAwayChanged away => Update(away.Username, member => member with { Away = away.Away }),
        MemberStandingChanged standing => Update(standing.Username, member => member with { HostOperator = standing.HostOperator }),
        MessageAccepted accepted => this with
        {
            LastSeq = accepted.Message.Record.Seq,
            Pending = Pending.SetItem(accepted.Message.Record.Seq, accepted.Message),
        },
        MessageCommitted committed => Release(committed.Released, Pending.TryGetValue(committed.Seq, out var message)
            ? Pending.SetItem(committed.Seq, message with { Committed = true })
            : Pending),
        MessageDropped dropped => Release(dropped.Released, Pending.Remove(dropped.Failed.Record.Seq)),
        // Applied once stored (ModerationApplied), not when decided.
        ModerationDecided => this,
        ModerationApplied applied => this with { Moderation = Moderation.Apply(applied.Change) },
        OwnerNamed owner => this with { Moderation = Moderation.Apply(owner.Change) },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "not a room event"),
    };

    public RoomState Apply(IEnumerable<RoomEvent> events) => events.Aggregate(this, (state, e) => state.Apply(e));

    /// <summary>
    /// A join, leave or rename line takes the next seq and joins the recent page at once: it is
    /// announced at once too (as before lines were kept), and stored beside, never holding up the
    /// messages.
    /// </summary>
    private RoomState Keep(RoomMessageRecord? line) =>
        line is null ? this : this with { LastSeq = line.Seq, Recent = Recent.Add(line) };

    private RoomState Update(string username, Func<RoomMember, RoomMember> change) =>
        Members.TryGetValue(username, out var member) ? this with { Members = Members.SetItem(username, change(member)) } : this;

    /// <summary>Released messages leave the queue and join the recent page.</summary>
    private RoomState Release(ImmutableArray<PendingMessage> released, ImmutableSortedDictionary<long, PendingMessage> pending)
    {
        if (released.IsEmpty)
            return this with { Pending = pending };
        var recent = Recent;
        foreach (var message in released)
        {
            pending = pending.Remove(message.Record.Seq);
            recent = recent.Add(message.Record);
        }
        return this with { Pending = pending, Recent = recent };
    }
}
