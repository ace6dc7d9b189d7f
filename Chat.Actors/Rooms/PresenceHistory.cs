using System.Collections.Immutable;

namespace Chat.Actors.Rooms;

/// <summary>A member who lost their connections: the line "left" is numbered, and stored only if they are not back within the grace.</summary>
public sealed record HeldDeparture(long Seq, string Nickname, DateTime At);

/// <summary>
/// Which joins and leaves a room keeps in its history, so that a busy room's churn does not drown
/// its messages. A leave by request (or a kick, a ban) and a join by request are kept at once. A
/// member whose connections all closed (a dropped link, a logout, a host stopping) is held: the
/// line is numbered when it happens and stored only once the grace passed without them back; back
/// in time, neither the leave nor the join is kept. A member coming back by a resume (a reconnect)
/// or into the room's next incarnation (it moved, the host restarted) is not a join either,
/// unless this incarnation kept their leave. Immutable.
/// </summary>
public sealed record PresenceHistory
{
    public static readonly PresenceHistory Empty = new();

    /// <summary>Departures waiting for the grace to pass, by username.</summary>
    public ImmutableDictionary<string, HeldDeparture> Held { get; init; } = ImmutableDictionary.Create<string, HeldDeparture>(StringComparer.Ordinal);

    // Members whose leave this incarnation kept: their next entry is a join, even by a reconnect.
    private ImmutableHashSet<string> Gone { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Whether a member entering now gets a "joined" line.</summary>
    /// <param name="returning">They were in the room before and left only by losing their connections (a resume, a moved room).</param>
    public bool KeepsJoin(string username, bool returning) =>
        !Held.ContainsKey(username) && (!returning || Gone.Contains(username));

    /// <summary>
    /// Whether the others hear "joined": always, except for a member entering the room's next
    /// incarnation (it <paramref name="moved"/>) whom this incarnation never told them had left.
    /// </summary>
    public bool AnnouncesEntry(string username, bool moved) =>
        !moved || Held.ContainsKey(username) || Gone.Contains(username);

    /// <summary>The member is in again: nothing held for them, nothing remembered.</summary>
    public PresenceHistory Entered(string username) =>
        this with { Held = Held.Remove(username), Gone = Gone.Remove(username) };

    public PresenceHistory Hold(string username, HeldDeparture departure) =>
        this with { Held = Held.SetItem(username, departure) };

    /// <summary>The departure numbered <paramref name="seq"/>, if it is still held (the member did not come back, or left again since).</summary>
    public HeldDeparture? StillHeld(string username, long seq) =>
        Held.TryGetValue(username, out var held) && held.Seq == seq ? held : null;

    /// <summary>The held leave is stored: the member's next entry is a join.</summary>
    public PresenceHistory Kept(string username) =>
        this with { Held = Held.Remove(username), Gone = Gone.Add(username) };

    /// <summary>A leave kept at once (by request, a kick, a ban): the next entry is a join anyway.</summary>
    public PresenceHistory Left(string username) =>
        this with { Held = Held.Remove(username), Gone = Gone.Remove(username) };
}
