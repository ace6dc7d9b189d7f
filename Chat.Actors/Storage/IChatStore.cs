using Akka.Actor;

namespace Chat.Actors.Storage;

/// <summary>
/// Everything the chat keeps. Every write completes only after its transaction committed:
/// callers acknowledge and deliver on completion, never before. Implementations group
/// concurrent writes into one transaction so durability costs milliseconds, not throughput.
/// Usernames passed in are already case-folded (lower case).
/// </summary>
/// <remarks>
/// A handle to this node's store, given to the actors the node creates (as a creator argument):
/// it is never sent in a message, and another node uses its own. So it is exempt from the
/// serialisation check of creators (<see cref="INoSerializationVerificationNeeded"/>).
/// </remarks>
public interface IChatStore : IAsyncDisposable, INoSerializationVerificationNeeded
{
    /// <summary>
    /// Creates the account; false when the username is taken or looks like a name another
    /// account holds (its username or nickname: <see cref="Identity.NameSkeleton"/>).
    /// </summary>
    Task<bool> CreateAccountAsync(Account account, CancellationToken cancellationToken = default);

    Task<Account?> FindAccountAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the account the nickname; false (nothing changes) when it looks like another
    /// account's username or nickname. The store holds this with a unique key, so it holds
    /// across restarts and concurrent renames.
    /// </summary>
    Task<bool> SetNicknameAsync(string username, string nickname, CancellationToken cancellationToken = default);

    /// <summary>Replaces the stored password hash (rehash on login when the cost was raised).</summary>
    Task SetPasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Keeps a resume token (only its hash) for the user until it expires, and drops tokens that expired by <paramref name="issued"/>.</summary>
    Task StoreResumeTokenAsync(string tokenHash, string username, DateTime issued, DateTime expires, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the token and returns its user and when it expires, or null when it is unknown or
    /// expired at <paramref name="now"/>: a token works once. The token that replaces it keeps that
    /// expiry, so renewing never extends a login's life.
    /// </summary>
    Task<ResumeTokenGrant?> TakeResumeTokenAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Removes the token if it exists (logout).</summary>
    Task RevokeResumeTokenAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Removes every resume token of the account (a password change, "log out everywhere"); returns how many.</summary>
    Task<int> RevokeResumeTokensOfAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number stored for the room, 0 when it has none.</summary>
    Task<long> LastRoomSeqAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>Stores a room message whose sequence number the room actor assigned.</summary>
    Task AppendRoomMessageAsync(RoomMessageRecord message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the room's messages up to <paramref name="uptoSeq"/>: those of a room the admin
    /// command deleted that its room actor committed after the command's delete.
    /// </summary>
    Task DeleteRoomMessagesAsync(string room, long uptoSeq, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the room's join, leave or rename line numbered <paramref name="seq"/> (never a
    /// message): a leave whose member came back within the grace.
    /// </summary>
    Task DeletePresenceLineAsync(string room, long seq, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> messages with seq &lt; <paramref name="beforeSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesBeforeAsync(string room, long beforeSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> messages with seq &gt; <paramref name="afterSeq"/>, oldest first:
    /// the page after one in the middle of history (a search hit's context, paging down to the newest).
    /// </summary>
    Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesAfterAsync(string room, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>Stores a direct message and returns it with its id; null when the recipient has no account.</summary>
    Task<DirectMessageRecord?> AppendDirectMessageAsync(NewDirectMessage message, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> DMs between the two users with id &lt; <paramref name="beforeId"/>, oldest first.</summary>
    Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesBeforeAsync(string user, string other, long beforeId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> DMs between the two users with id &gt; <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesAfterAsync(string user, string other, long afterId, int limit, CancellationToken cancellationToken = default);

    // Room memberships are kept, so a user is back in their rooms at the next login and unread
    // counts can be given for rooms while the user was away.

    /// <summary>
    /// Makes the user a member; what the room already holds counts as read. False when the user
    /// was a member already (nothing changes then).
    /// </summary>
    Task<bool> AddRoomMemberAsync(string room, string username, CancellationToken cancellationToken = default);

    Task RemoveRoomMemberAsync(string room, string username, CancellationToken cancellationToken = default);

    /// <summary>The rooms the user is a member of, by name.</summary>
    Task<IReadOnlyList<string>> RoomsOfAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>
    /// The username of the account whose join made the room (rooms stay, with their creator, after
    /// their members leave); null for the lobby, which is the host's, and for a room never made.
    /// </summary>
    Task<string?> RoomCreatorAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>Every room that has members, with how many, by name.</summary>
    Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the user's read mark in the room up to <paramref name="uptoSeq"/>, held at the newest
    /// stored message; never moves it back.
    /// </summary>
    Task MarkRoomReadAsync(string room, string username, long uptoSeq, CancellationToken cancellationToken = default);

    /// <summary>Marks read the DMs from <paramref name="other"/> to <paramref name="username"/> with id &lt;= <paramref name="uptoId"/>.</summary>
    Task MarkDirectReadAsync(string username, string other, long uptoId, CancellationToken cancellationToken = default);

    /// <summary>Unread counts: DMs to the user not yet read, per sender; room messages past the user's read mark, per room. Zero counts are left out.</summary>
    Task<UnreadCounts> UnreadAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> DMs to the user never delivered to any of their connections, oldest first.</summary>
    Task<IReadOnlyList<DirectMessageRecord>> UndeliveredDirectMessagesAsync(string username, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks delivered the DMs to the user with id &lt;= <paramref name="uptoId"/>.</summary>
    Task MarkDeliveredAsync(string username, long uptoId, CancellationToken cancellationToken = default);

    /// <summary>When the user's last connection closed; shown by whois while they are offline.</summary>
    Task SetLastSeenAsync(string username, DateTime lastSeen, CancellationToken cancellationToken = default);

    // Moderation: each change and its audit row are one write.

    /// <summary>The room's roles, bans and mutes (ended ones too), invitations, topic and flags.</summary>
    Task<StoredRoomModeration> RoomModerationAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a moderation change and appends it to the audit table, in one transaction. A kick
    /// or a ban also ends the target's membership of the room.
    /// </summary>
    Task RecordModerationAsync(ModerationChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="other"/> to the users <paramref name="username"/> ignores, or takes
    /// them off; false (nothing changes) when ignoring someone who has no account.
    /// </summary>
    Task<bool> SetIgnoredAsync(string username, string other, bool ignored, CancellationToken cancellationToken = default);

    /// <summary>The users <paramref name="username"/> ignores, by name.</summary>
    Task<IReadOnlyList<string>> IgnoredByAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>The room's newest audit rows, up to <paramref name="limit"/>, newest first.</summary>
    Task<IReadOnlyList<ModerationChange>> ModerationAuditAsync(string room, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest (up to <paramref name="limit"/>) messages of the room that contain every word of
    /// <paramref name="query"/> (whole words, any case), newest first; none when it has no word.
    /// </summary>
    Task<IReadOnlyList<RoomMessageRecord>> SearchRoomAsync(string room, string query, int limit, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="SearchRoomAsync"/>, in the DMs between the two users.</summary>
    Task<IReadOnlyList<DirectMessageRecord>> SearchDirectAsync(string user, string other, string query, int limit, CancellationToken cancellationToken = default);

    // A user's conversation list is kept, so it comes back in order at the next login: rooms are
    // the memberships, a DM conversation opens with its first message either way (for both users)
    // and stays open, read or not, until the user closes it.

    /// <summary>The user's rooms in the order joined, and open DM conversations (the other users) in the order they opened.</summary>
    Task<OpenConversations> OpenConversationsAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>Takes the DM conversation with <paramref name="other"/> off the user's list (its messages stay); the next DM between them opens it again, last.</summary>
    Task CloseDirectAsync(string username, string other, CancellationToken cancellationToken = default);
}

/// <summary>A user's conversation list as kept: rooms in the order joined, then DM partners in the order their conversations opened.</summary>
public sealed record OpenConversations(IReadOnlyList<string> Rooms, IReadOnlyList<string> Directs);

/// <summary>A room with members; <see cref="Private"/> rooms are listed only to their members (and host operators).</summary>
public sealed record RoomSummary(string Room, int Members)
{
    public bool Private { get; init; }
}

public sealed record UnreadCounts(IReadOnlyList<UnreadDirect> Direct, IReadOnlyList<UnreadRoom> Rooms);

public sealed record UnreadDirect(string With, int Count);

public sealed record UnreadRoom(string Room, int Count);

/// <summary>An account: the case-folded username is its key; the nickname is what others see.</summary>
public sealed record Account(string Username, string PasswordHash, string Nickname, DateTime Created)
{
    /// <summary>When the user's last connection last closed; null for one never seen offline. Stale while the user is online.</summary>
    public DateTime? LastSeen { get; init; }

    /// <summary>Made a host operator by the admin command: rules every room.</summary>
    public bool HostOperator { get; init; }

    /// <summary>Disabled by the admin command: its logins are refused.</summary>
    public bool Disabled { get; init; }

    /// <summary>Banned host-wide by the admin command (null: not banned); its logins are refused until the ban ends.</summary>
    public Restriction? HostBan { get; init; }
}

/// <summary>
/// A line of a room's history as stored: a message (the nickname is the one the sender had when
/// saying it), or, with <see cref="Event"/>, a join, leave or nickname change, numbered in the
/// same sequence.
/// </summary>
public sealed record RoomMessageRecord(string Room, long Seq, string Username, string Nickname, string Text, DateTime Ts)
{
    /// <summary>Null for a message; otherwise one of <see cref="RoomLineEvents"/>.</summary>
    public string? Event { get; init; }

    /// <summary>Said as a notice: fanned out as one; not stored (history has it as a message).</summary>
    public bool Notice { get; init; }

    public static RoomMessageRecord Joined(string room, long seq, string username, string nickname, DateTime ts) =>
        new(room, seq, username, nickname, "", ts) { Event = RoomLineEvents.Joined };

    public static RoomMessageRecord Left(string room, long seq, string username, string nickname, DateTime ts) =>
        new(room, seq, username, nickname, "", ts) { Event = RoomLineEvents.Left };

    /// <summary>A nickname change: the text holds the old nickname.</summary>
    public static RoomMessageRecord Renamed(string room, long seq, string username, string oldNickname, string nickname, DateTime ts) =>
        new(room, seq, username, nickname, oldNickname, ts) { Event = RoomLineEvents.Nick };
}

/// <summary>What a room history line that is not a message records; stored as is in the "event" column.</summary>
public static class RoomLineEvents
{
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Nick = "nick";
}

public sealed record NewDirectMessage(string From, string FromNickname, string To, string Text, DateTime Ts);

public sealed record DirectMessageRecord(long Id, string From, string FromNickname, string To, string Text, DateTime Ts, bool Delivered, bool Read);

/// <summary>A used resume token: whose it was, and when the login it continues ends.</summary>
public sealed record ResumeTokenGrant(string Username, DateTime Expires);
