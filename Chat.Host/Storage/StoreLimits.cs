namespace Chat.Host.Storage;

/// <summary>What the store keeps at most, from the HOCON "chat.store" section (every key commented in hocon/host.conf).</summary>
public sealed record StoreLimits
{
    /// <summary>Messages kept per room; older ones are pruned as new ones arrive. Zero keeps all.</summary>
    public int MaxMessagesPerRoom { get; init; } = 100_000;

    /// <summary>Room messages older than this are pruned as new ones arrive in their room. Zero keeps them.</summary>
    public TimeSpan MaxMessageAge { get; init; } = TimeSpan.Zero;

    /// <summary>DMs waiting (undelivered) for one recipient; past it a sender gets <c>recipient_full</c>.</summary>
    public int MaxWaitingDirectMessages { get; init; } = 1_000;

    /// <summary>Rooms one account may be a member of (the lobby included); past it a join gets <c>too_many_rooms</c>.</summary>
    public int MaxRoomsPerAccount { get; init; } = 100;

    /// <summary>Rooms with members on the host; past it a join that would make a new room gets <c>too_many_rooms</c>.</summary>
    public int MaxRooms { get; init; } = 10_000;

    /// <summary>
    /// Rooms one account may create (a join that makes a room creates it; the room stays, with its
    /// creator, after its members leave); past it such a join gets <c>too_many_rooms_created</c>.
    /// </summary>
    public int MaxRoomsCreatedPerAccount { get; init; } = 100;

    /// <summary>Why a join that would make a room is refused when its joiner has made as many as they may (both stores say the same).</summary>
    public string RoomsCreatedRefusal =>
        $"you have created {MaxRoomsCreatedPerAccount} rooms, the most one account may create; join a room that exists";

    /// <summary>Members one room may have (the lobby is never refused); past it a join gets <c>room_full</c>.</summary>
    public int MaxMembersPerRoom { get; init; } = 10_000;

    /// <summary>Resume tokens one account holds; a new one drops the oldest.</summary>
    public int MaxResumeTokensPerAccount { get; init; } = 16;

    /// <summary>Open DM conversations one account keeps on its list; a new one closes the oldest.</summary>
    public int MaxOpenDirectsPerAccount { get; init; } = 200;

    /// <summary>Writes the store's writer queue holds; further ones wait (unrefused) until it has room.</summary>
    public int WriteQueue { get; init; } = 4_096;
}
