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
    /// After a fan-out that took W to write, a room waits W times this before its next
    /// (chat.rooms.fan-out-pause); 0 sends the next batch as soon as the last is written.
    /// </summary>
    public double FanOutPause { get; init; } = 1.0;
    /// <summary>
    /// The pause follows only a batch smaller than this many bytes (chat.rooms.fan-out-pause-below-bytes):
    /// a small batch's writes cost mostly their fixed part, a large one's its bytes, which waiting cannot save.
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
