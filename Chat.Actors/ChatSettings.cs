namespace Chat.Actors;

/// <summary>The chat's tunable limits and texts, read from the host's HOCON "chat" section.</summary>
public sealed record ChatSettings
{
    public string ServerName { get; init; } = "chat";
    public string Motd { get; init; } = "";
    public int MaxTextChars { get; init; } = 4000;
    /// <summary>The longest line the transport reads (chat.protocol.max-line-bytes), told to clients in the welcome.</summary>
    public int MaxLineBytes { get; init; } = 16384;
    /// <summary>Messages in the page a connection gets on entering a room, and in a history reply by default.</summary>
    public int HistoryPageSize { get; init; } = 50;
    /// <summary>The most messages one history request may ask for.</summary>
    public int MaxHistoryPageSize { get; init; } = 200;
    /// <summary>The most bytes of messages or entries one page or list frame carries (see Replies.ReplyBudget).</summary>
    public int MaxReplyBytes { get; init; } = 128 * 1024;
    /// <summary>A room with no member and nothing pending stops after this much quiet (its directory starts it again when needed).</summary>
    public TimeSpan RoomPassivateIdleAfter { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// A member whose connections all closed is back in time if they return within this: their
    /// leave and join are not kept in the room's history (chat.rooms.presence-grace).
    /// </summary>
    public TimeSpan PresenceGrace { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// A node writes a room's members this many at a time, round and round, doing its other work
    /// between (chat.rooms.fan-out-slice-members; see Delivery.FanOutRound).
    /// </summary>
    public int FanOutSliceMembers { get; init; } = 128;
    /// <summary>A room with fewer members than this on a node is written whole (chat.rooms.fan-out-slices-from).</summary>
    public int FanOutSlicesFrom { get; init; } = 1000;
    /// <summary>
    /// A round starts again only once its writing time W and W times this have passed since its
    /// first slice's last write (chat.rooms.fan-out-pause), or less to keep the round within
    /// <see cref="FanOutRoundTarget"/>; 0 starts it as soon as something waits.
    /// </summary>
    public double FanOutPause { get; init; } = 0.75;
    /// <summary>The least pause, as a multiple of W, however long the round (chat.rooms.fan-out-pause-least).</summary>
    public double FanOutLeastPause { get; init; } = 0.25;
    /// <summary>How long a round may take before its pause is cut, down to the least (chat.rooms.fan-out-round-target).</summary>
    public TimeSpan FanOutRoundTarget { get; init; } = TimeSpan.FromMilliseconds(60);
    /// <summary>
    /// The pause follows only a write smaller than this many bytes (chat.rooms.fan-out-pause-below-bytes):
    /// a small write costs mostly its fixed part, a large one its bytes, which waiting cannot save.
    /// </summary>
    public int FanOutPauseBelowBytes { get; init; } = 8192;
    /// <summary>
    /// Rooms and users live in cluster shard regions rather than the local directories: an idle
    /// entity asks its shard to passivate it (<see cref="Directories.EntityPassivation"/>).
    /// </summary>
    public bool ShardedEntities { get; init; }
    public int PasswordIterations { get; init; } = 600_000;
    /// <summary>How many password hashes run at once; more would starve the actors of threads.</summary>
    public int MaxConcurrentHashes { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);
    public Accounts.LoginLimits Login { get; init; } = new();
    public Accounts.HashQueueLimits HashQueue { get; init; } = new();
    public Sessions.SessionLimits Session { get; init; } = new();
}
