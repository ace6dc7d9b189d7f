using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Actors.Rooms;

/// <summary>
/// A room the admin command deleted while its actor ran. The command deleted what was committed
/// when it ran; messages the room numbered before it heard of the deletion may commit after. So
/// that none of those is acknowledged and then lost silently, or left behind as the history of a
/// deleted room: the members are told first (a "deleted" notice, then their "left"); a message of
/// the deleted room (a seq up to the last one when it heard) that commits after that is answered
/// with an error, not "ok"; and once none is waiting for the store, everything up to that seq is
/// deleted from it. The senders of messages acknowledged before the notice read the notice after
/// them: their room, with what they said in it, is gone, and they are told so.
/// </summary>
internal sealed class RoomDeletion(string room, IChatStore store, ILoggingAdapter log)
{
    private long? _upTo;

    public static ModerationNotice Notice(string room) =>
        new(room, "", ModerationActions.Deleted) { Reason = "the host's admin deleted it, with its members, history and settings" };

    /// <summary>The room heard of its deletion: every message numbered so far belongs to the deleted room.</summary>
    public void Begin(long lastSeq) => _upTo = lastSeq;

    /// <summary>
    /// The committed messages still to be acknowledged; those of the deleted room are refused, each
    /// to its sender, and <paramref name="state"/> is purged of them (<see cref="PurgeOnceSettled"/>).
    /// </summary>
    public ImmutableArray<PendingMessage> Kept(ImmutableArray<PendingMessage> released, ref RoomState state)
    {
        if (_upTo is not { } upTo)
            return released;
        foreach (var gone in released.Where(m => m.Record.Seq <= upTo))
            gone.ReplyTo.Tell(new ErrorReply(ErrorCodes.NotInRoom, $"{room} was deleted by the host's admin; this message was not kept") { Re = gone.Re });
        state = PurgeOnceSettled(state);
        return [.. released.Where(m => m.Record.Seq > upTo)];
    }

    /// <summary>
    /// The state without the deleted room's messages in its recent page (a joiner must not see
    /// them); once none waits for the store, those that committed after the admin command's
    /// delete are deleted from it too.
    /// </summary>
    public RoomState PurgeOnceSettled(RoomState state)
    {
        if (_upTo is not { } upTo)
            return state;
        state = state with { Recent = state.Recent.After(upTo) };
        if (state.Pending.Keys.Any(seq => seq <= upTo))
            return state;
        _upTo = null;
        store.DeleteRoomMessagesAsync(room, upTo).ContinueWith(
            write => log.Error(write.Exception, "room {0}: the messages committed after its deletion were not deleted", room),
            TaskContinuationOptions.OnlyOnFaulted);
        return state;
    }
}
