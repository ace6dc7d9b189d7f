using Chat.Actors.Sessions;

namespace Chat.Host.Transport;

/// <summary>
/// A connection's output as the actors see it: frames go to the outbox; logging in and out moves
/// the connection's place in <see cref="ConnectionLimits"/> from its peer's anonymous ones to its account's.
/// </summary>
internal sealed class LeasedOutput(ConnectionOutbox outbox, ConnectionLimits.ConnectionLease lease) : IConnectionOutput
{
    public bool TryWrite(ReadOnlyMemory<byte> frame) => outbox.TryWrite(frame);

    public void Close(string reason) => outbox.Close(reason);

    public void Finish(string reason) => outbox.Finish(reason);

    public bool TryLogIn(string username, out string refusal) => lease.TryLogIn(username, out refusal);

    public void LoggedOut() => lease.LoggedOut();
}
