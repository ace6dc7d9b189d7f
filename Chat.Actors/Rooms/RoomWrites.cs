using Akka.Actor;
using Akka.Event;
using Chat.Actors.Storage;

namespace Chat.Actors.Rooms;

/// <summary>What a room writes to the store as its lines happen: messages, whose commit it waits for, and joins, leaves and renames, which it does not.</summary>
internal sealed class RoomWrites(string room, IChatStore store, ILoggingAdapter log, IActorRef self)
{
    /// <summary>A message: the room hears <see cref="ConfirmStored"/> or <see cref="ReportNotStored"/>.</summary>
    public void Store(RoomMessageRecord record)
    {
        var seq = record.Seq;
        store.AppendRoomMessageAsync(record).PipeTo(
            self,
            success: () => new ConfirmStored(seq),
            failure: reason =>
            {
                log.Error(reason, "room {0}: message {1} was not stored", room, seq);
                return new ReportNotStored(seq);
            });
    }

    /// <summary>
    /// A join, leave or rename line: announced already (as before such lines were kept), stored
    /// beside the messages, acknowledged to nobody, never holding them up. One the store refuses
    /// leaves a gap, as a refused message does, and is logged.
    /// </summary>
    public void StoreLine(RoomMessageRecord? line)
    {
        if (line is null)
            return;
        store.AppendRoomMessageAsync(line).ContinueWith(
            write => log.Error(write.Exception, "room {0}: the {1} line {2} was not stored", room, line.Event, line.Seq),
            TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>
    /// Takes a stored leave back out of history: its member was back within the grace. Written
    /// after the leave (the store's writes keep their order), so it always finds it.
    /// </summary>
    public void TakeBackLine(long seq) =>
        store.DeletePresenceLineAsync(room, seq).ContinueWith(
            write => log.Error(write.Exception, "room {0}: the leave {1} of a member back within the grace was not taken back", room, seq),
            TaskContinuationOptions.OnlyOnFaulted);
}
