namespace Chat.Actors.Storage;

/// <summary>
/// Everything the chat keeps. Every write completes only after its transaction committed:
/// callers acknowledge and deliver on completion, never before. Implementations group
/// concurrent writes into one transaction so durability costs milliseconds, not throughput.
/// Usernames passed in are already case-folded (lower case).
/// </summary>
public interface IChatStore : IAsyncDisposable
{
    /// <summary>Creates the account; false when the username is taken.</summary>
    Task<bool> CreateAccountAsync(Account account, CancellationToken cancellationToken = default);

    Task<Account?> FindAccountAsync(string username, CancellationToken cancellationToken = default);

    Task SetNicknameAsync(string username, string nickname, CancellationToken cancellationToken = default);

    /// <summary>Replaces the stored password hash (rehash on login when the cost was raised).</summary>
    Task SetPasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Keeps a resume token (only its hash) for the user until it expires, and drops tokens that have expired.</summary>
    Task StoreResumeTokenAsync(string tokenHash, string username, DateTime expires, CancellationToken cancellationToken = default);

    /// <summary>Removes the token and returns its user, or null when it is unknown or expired at <paramref name="now"/>: a token works once.</summary>
    Task<string?> TakeResumeTokenAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Removes the token if it exists (logout).</summary>
    Task RevokeResumeTokenAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number stored for the room, 0 when it has none.</summary>
    Task<long> LastRoomSeqAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>Stores a room message whose sequence number the room actor assigned.</summary>
    Task AppendRoomMessageAsync(RoomMessageRecord message, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> messages with seq &lt; <paramref name="beforeSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesBeforeAsync(string room, long beforeSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>Stores a direct message and returns it with its id; null when the recipient has no account.</summary>
    Task<DirectMessageRecord?> AppendDirectMessageAsync(NewDirectMessage message, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> DMs between the two users with id &lt; <paramref name="beforeId"/>, oldest first.</summary>
    Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesBeforeAsync(string user, string other, long beforeId, int limit, CancellationToken cancellationToken = default);
}

/// <summary>An account: the case-folded username is its key; the nickname is what others see.</summary>
public sealed record Account(string Username, string PasswordHash, string Nickname, DateTime Created);

/// <summary>A room message as stored: the nickname is the one the sender had when saying it.</summary>
public sealed record RoomMessageRecord(string Room, long Seq, string Username, string Nickname, string Text, DateTime Ts);

public sealed record NewDirectMessage(string From, string FromNickname, string To, string Text, DateTime Ts);

public sealed record DirectMessageRecord(long Id, string From, string FromNickname, string To, string Text, DateTime Ts, bool Delivered, bool Read);
