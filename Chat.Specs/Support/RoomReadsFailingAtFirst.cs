using Chat.Actors.Storage;

namespace Chat.Specs.Support;

/// <summary>
/// A real store whose room reads (<see cref="IChatStore.RoomMessagesBeforeAsync"/> and
/// <see cref="IChatStore.LastRoomSeqAsync"/>) fail the first <paramref name="failures"/> times,
/// as a database does while it is unreachable; afterwards, and for everything else, the real
/// database answers. With <paramref name="onlyRoom"/>, only that room's reads fail.
/// </summary>
public sealed class RoomReadsFailingAtFirst(IChatStore store, int failures, string? onlyRoom = null) : IChatStore
{
    private int _failuresLeft = failures;
    private int _failed;

    /// <summary>Room reads that were answered with a failure so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    private bool FailsNow(string room)
    {
        if ((onlyRoom is not null && room != onlyRoom) || Interlocked.Decrement(ref _failuresLeft) < 0)
            return false;
        Interlocked.Increment(ref _failed);
        return true;
    }

    private static InvalidOperationException Unreachable() => new("the database is unreachable (injected by the spec)");

    public Task<long> LastRoomSeqAsync(string room, CancellationToken cancellationToken = default) =>
        FailsNow(room) ? Task.FromException<long>(Unreachable()) : store.LastRoomSeqAsync(room, cancellationToken);

    public Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesBeforeAsync(string room, long beforeSeq, int limit, CancellationToken cancellationToken = default) =>
        FailsNow(room) ? Task.FromException<IReadOnlyList<RoomMessageRecord>>(Unreachable()) : store.RoomMessagesBeforeAsync(room, beforeSeq, limit, cancellationToken);

    // Everything else goes straight to the real store.

    public Task<bool> CreateAccountAsync(Account account, CancellationToken cancellationToken = default) => store.CreateAccountAsync(account, cancellationToken);

    public Task<Account?> FindAccountAsync(string username, CancellationToken cancellationToken = default) => store.FindAccountAsync(username, cancellationToken);

    public Task<bool> SetNicknameAsync(string username, string nickname, CancellationToken cancellationToken = default) => store.SetNicknameAsync(username, nickname, cancellationToken);

    public Task SetPasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken = default) => store.SetPasswordHashAsync(username, passwordHash, cancellationToken);

    public Task StoreResumeTokenAsync(string tokenHash, string username, DateTime issued, DateTime expires, CancellationToken cancellationToken = default) =>
        store.StoreResumeTokenAsync(tokenHash, username, issued, expires, cancellationToken);

    public Task<ResumeTokenGrant?> TakeResumeTokenAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default) => store.TakeResumeTokenAsync(tokenHash, now, cancellationToken);
    public Task<int> RevokeResumeTokensOfAsync(string username, CancellationToken cancellationToken = default) => store.RevokeResumeTokensOfAsync(username, cancellationToken);

    public Task RevokeResumeTokenAsync(string tokenHash, CancellationToken cancellationToken = default) => store.RevokeResumeTokenAsync(tokenHash, cancellationToken);

    public Task AppendRoomMessageAsync(RoomMessageRecord message, CancellationToken cancellationToken = default) => store.AppendRoomMessageAsync(message, cancellationToken);

    public Task DeletePresenceLineAsync(string room, long seq, CancellationToken cancellationToken = default) => store.DeletePresenceLineAsync(room, seq, cancellationToken);

    public Task DeleteRoomMessagesAsync(string room, long uptoSeq, CancellationToken cancellationToken = default) => store.DeleteRoomMessagesAsync(room, uptoSeq, cancellationToken);

    public Task<DirectMessageRecord?> AppendDirectMessageAsync(NewDirectMessage message, CancellationToken cancellationToken = default) => store.AppendDirectMessageAsync(message, cancellationToken);

    public Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesBeforeAsync(string user, string other, long beforeId, int limit, CancellationToken cancellationToken = default) =>
        store.DirectMessagesBeforeAsync(user, other, beforeId, limit, cancellationToken);

    public Task<IReadOnlyList<DirectMessageRecord>> DirectMessagesAfterAsync(string user, string other, long afterId, int limit, CancellationToken cancellationToken = default) =>
        store.DirectMessagesAfterAsync(user, other, afterId, limit, cancellationToken);

    public Task<IReadOnlyList<RoomMessageRecord>> RoomMessagesAfterAsync(string room, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        store.RoomMessagesAfterAsync(room, afterSeq, limit, cancellationToken);

    public Task<bool> AddRoomMemberAsync(string room, string username, CancellationToken cancellationToken = default) => store.AddRoomMemberAsync(room, username, cancellationToken);

    public Task RemoveRoomMemberAsync(string room, string username, CancellationToken cancellationToken = default) => store.RemoveRoomMemberAsync(room, username, cancellationToken);

    public Task<IReadOnlyList<string>> RoomsOfAsync(string username, CancellationToken cancellationToken = default) => store.RoomsOfAsync(username, cancellationToken);

    public Task<string?> RoomCreatorAsync(string room, CancellationToken cancellationToken = default) => store.RoomCreatorAsync(room, cancellationToken);

    public Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default) => store.ListRoomsAsync(cancellationToken);

    public Task MarkRoomReadAsync(string room, string username, long uptoSeq, CancellationToken cancellationToken = default) => store.MarkRoomReadAsync(room, username, uptoSeq, cancellationToken);

    public Task MarkDirectReadAsync(string username, string other, long uptoId, CancellationToken cancellationToken = default) => store.MarkDirectReadAsync(username, other, uptoId, cancellationToken);

    public Task<UnreadCounts> UnreadAsync(string username, CancellationToken cancellationToken = default) => store.UnreadAsync(username, cancellationToken);

    public Task<IReadOnlyList<DirectMessageRecord>> UndeliveredDirectMessagesAsync(string username, int limit, CancellationToken cancellationToken = default) =>
        store.UndeliveredDirectMessagesAsync(username, limit, cancellationToken);

    public Task MarkDeliveredAsync(string username, long uptoId, CancellationToken cancellationToken = default) => store.MarkDeliveredAsync(username, uptoId, cancellationToken);

    public Task SetLastSeenAsync(string username, DateTime lastSeen, CancellationToken cancellationToken = default) => store.SetLastSeenAsync(username, lastSeen, cancellationToken);

    public Task<IReadOnlyList<RoomMessageRecord>> SearchRoomAsync(string room, string query, int limit, CancellationToken cancellationToken = default) => store.SearchRoomAsync(room, query, limit, cancellationToken);

    public Task<IReadOnlyList<DirectMessageRecord>> SearchDirectAsync(string user, string other, string query, int limit, CancellationToken cancellationToken = default) => store.SearchDirectAsync(user, other, query, limit, cancellationToken);

    public Task<OpenConversations> OpenConversationsAsync(string username, CancellationToken cancellationToken = default) => store.OpenConversationsAsync(username, cancellationToken);

    public Task CloseDirectAsync(string username, string other, CancellationToken cancellationToken = default) => store.CloseDirectAsync(username, other, cancellationToken);

    // The spec owns the real store and disposes it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<StoredRoomModeration> RoomModerationAsync(string room, CancellationToken cancellationToken = default) => store.RoomModerationAsync(room, cancellationToken);

    public Task RecordModerationAsync(ModerationChange change, CancellationToken cancellationToken = default) => store.RecordModerationAsync(change, cancellationToken);

    public Task<IReadOnlyList<ModerationChange>> ModerationAuditAsync(string room, int limit, CancellationToken cancellationToken = default) => store.ModerationAuditAsync(room, limit, cancellationToken);

    public Task<bool> SetIgnoredAsync(string username, string other, bool ignored, CancellationToken cancellationToken = default) => store.SetIgnoredAsync(username, other, ignored, cancellationToken);

    public Task<IReadOnlyList<string>> IgnoredByAsync(string username, CancellationToken cancellationToken = default) => store.IgnoredByAsync(username, cancellationToken);
}
