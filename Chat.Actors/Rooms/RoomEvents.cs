using System.Collections.Immutable;
using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Protocol;

namespace Chat.Actors.Rooms;

// What the room's state decides (RoomState.Decide) and what it applies (RoomState.Apply).

/// <summary>A request to the room, as the room's state judges it.</summary>
public abstract record RoomCommand;

/// <summary>Let the user in; a member already in keeps nickname and away and takes these connections.</summary>
public sealed record AdmitMember(RoomMember Member) : RoomCommand
{
    /// <summary>Back after losing their connections only (a resume, the room's next incarnation): not a join to keep in history.</summary>
    public bool Returning { get; init; }

    /// <summary>Into the room's next incarnation (it moved): not announced to those who never saw them leave.</summary>
    public bool Moved { get; init; }
}

public sealed record RemoveMember(string Username) : RoomCommand
{
    /// <summary>The member's connections all closed (not a leave they asked for): the line waits for the grace.</summary>
    public bool Disconnected { get; init; }
}

/// <summary>The grace of a held departure passed: keep its line unless the member came back.</summary>
public sealed record KeepDeparture(string Username, long Seq) : RoomCommand;

/// <summary>A member's connections are now these (a terminal attached or closed).</summary>
public sealed record ReplaceConnections(string Username, ImmutableArray<ClientConnection> Connections) : RoomCommand;

public sealed record ChangeMemberNickname(string Username, string Nickname) : RoomCommand;

/// <summary>The member went away (a reason, possibly "") or came back (null).</summary>
public sealed record ChangeMemberAway(string Username, string? Away) : RoomCommand;

/// <summary>The member is now a host operator, or no longer one.</summary>
public sealed record ChangeMemberStanding(string Username, bool HostOperator) : RoomCommand;

/// <summary>Say something in the room; it is numbered, then waits for the store.</summary>
public sealed record AcceptMessage(string Username, string Nickname, string Text, RequestId? Re, IActorRef ReplyTo) : RoomCommand
{
    public bool Notice { get; init; }
}

/// <summary>The store holds the message with this number.</summary>
public sealed record ConfirmStored(long Seq) : RoomCommand;

/// <summary>The store refused the message with this number.</summary>
public sealed record ReportNotStored(long Seq) : RoomCommand;

/// <summary>A moderator asks something of the room; the room's moderation decides whether they may.</summary>
public sealed record Moderate(Moderator By, ModerationRequest Request) : RoomCommand;

/// <summary>The room was deleted: every member is removed.</summary>
public sealed record RemoveEveryone : RoomCommand;

/// <summary>A moderation change is stored: apply it (and remove a kicked or banned member).</summary>
public sealed record ApplyModeration(ModerationChange Change) : RoomCommand;

/// <summary>Something that happened in the room; applying it gives the next state.</summary>
public abstract record RoomEvent;

/// <param name="Line">The "joined" line kept in history; null when the entry is not kept (see <see cref="PresenceHistory"/>).</param>
public sealed record MemberJoined(RoomMember Member, RoomMessageRecord? Line = null) : RoomEvent
{
    /// <summary>
    /// Whether the others hear "joined". Not for a member returning to the room's next
    /// incarnation: nobody heard them leave, and after a move every member returns, so each would
    /// see everyone join again (<see cref="PresenceHistory.AnnouncesEntry"/>).
    /// </summary>
    public bool Announced { get; init; } = true;

    /// <summary>
    /// The member is back within the grace of a departure the store holds already (it is written
    /// at once, so a host that stops keeps it): that line is taken back out of history.
    /// </summary>
    public HeldDeparture? TakesBack { get; init; }
}

/// <summary>The member as they were when they left (their nickname is announced, their user actor no longer watched).</summary>
public sealed record MemberLeft(RoomMember Member) : RoomEvent
{
    /// <summary>Kicked or banned: the member's user actor is told it is no longer in the room.</summary>
    public bool Removed { get; init; }

    /// <summary>The "left" line kept in history now; null when none is, or it is held.</summary>
    public RoomMessageRecord? Line { get; init; }

    /// <summary>
    /// The member lost their connections: the line is numbered and stored now, goes into the room's
    /// recent lines once the grace passes, and is taken back out if they return within it.
    /// </summary>
    public HeldDeparture? Held { get; init; }

    /// <summary>The held departure as the line the store keeps.</summary>
    public RoomMessageRecord? HeldLine(string room) =>
        Held is { } held ? RoomMessageRecord.Left(room, held.Seq, Member.Username, held.Nickname, held.At) : null;
}

/// <summary>A held departure's grace passed: its line goes into history.</summary>
public sealed record DepartureKept(RoomMessageRecord Line) : RoomEvent;

/// <summary>A moderator may do this: the room stores it (with its audit row), then applies it.</summary>
public sealed record ModerationDecided(ModerationChange Change) : RoomEvent;

/// <summary>A moderation change is stored: it takes effect and is announced.</summary>
public sealed record ModerationApplied(ModerationChange Change) : RoomEvent;

/// <summary>The first member of a new room owns it; stored (and audited) after it took effect.</summary>
public sealed record OwnerNamed(ModerationChange Change) : RoomEvent;

/// <summary>A member's connections changed; <paramref name="Added"/> are those the room did not send to before.</summary>
public sealed record MemberConnectionsChanged(string Username, ImmutableArray<ClientConnection> Connections, ImmutableArray<ClientConnection> Added) : RoomEvent;

public sealed record MemberRenamed(string Username, string OldNickname, string Nickname, RoomMessageRecord Line) : RoomEvent;

/// <summary>The member's away state changed: the reason ("" for none), or null for back.</summary>
public sealed record MemberAwayChanged(string Username, string Nickname, string? Away) : RoomEvent;

/// <summary>The member was made a host operator, or unmade one.</summary>
public sealed record MemberStandingChanged(string Username, bool HostOperator) : RoomEvent;

/// <summary>A message was numbered (the room's next seq) and waits for the store.</summary>
public sealed record MessageAccepted(PendingMessage Message) : RoomEvent;

/// <summary>
/// The message <paramref name="Seq"/> is stored; <paramref name="Released"/> are the messages now
/// deliverable, in sequence order (none while an older one still waits for the store).
/// </summary>
public sealed record MessageCommitted(long Seq, ImmutableArray<PendingMessage> Released) : RoomEvent;

/// <summary>The store refused <paramref name="Failed"/>: it is dropped; <paramref name="Released"/> are those its failure unblocked.</summary>
public sealed record MessageDropped(PendingMessage Failed, ImmutableArray<PendingMessage> Released) : RoomEvent;

/// <summary>What the room's state decided: events to apply, or a refusal. Neither: nothing to do.</summary>
public sealed record RoomDecision(ImmutableArray<RoomEvent> Events, Refusal? Refused = null)
{
    public static readonly RoomDecision Nothing = new([]);

    public static RoomDecision Of(RoomEvent e) => new([e]);

    public static RoomDecision Of(ImmutableArray<RoomEvent> events) => new(events);

    public static RoomDecision Refuse(string code, string message) => new([], new Refusal(code, message));
}
