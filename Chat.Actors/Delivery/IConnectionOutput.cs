namespace Chat.Actors.Delivery;

/// <summary>
/// The write side of one client connection, as the domain sees it. Implemented by the socket
/// edge with a bounded queue: writing never blocks an actor, and a reader too slow to keep up
/// is cut off rather than allowed to hold anyone else back.
/// </summary>
public interface IConnectionOutput
{
    /// <summary>Queues one complete encoded frame; false when the connection's queue is full or the connection has ended.</summary>
    bool TryWrite(ReadOnlyMemory<byte> frame);

    /// <summary>
    /// Queues frames for the client, or closes the connection when its queue is full: a client
    /// that does not read is cut off rather than let hold anyone back.
    /// </summary>
    void Write(ReadOnlyMemory<byte> frames)
    {
        if (!TryWrite(frames))
            Close("outbound queue full: the client is not reading");
    }

    /// <summary>Closes the connection, logging why.</summary>
    void Close(string reason);

    /// <summary>Closes the connection once what is already queued (a farewell frame) has been written, logging why.</summary>
    void Finish(string reason) => Close(reason);
}
