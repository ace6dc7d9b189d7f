using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport;

/// <summary>
/// A connection <see cref="ConnectionAdmission"/> let in, with its session actor and bounded
/// outbox: what every door does with it, around what its protocol does. The door hands the
/// node's delivery actor its output (<see cref="Open"/>), then reads its lines
/// (<see cref="ServeAsync"/>); when the reading ends the session hears the connection closed and
/// the outbox gets its drain timeout. Disposing it frees the connection's place under the caps.
/// </summary>
internal sealed class AdmittedConnection(
    ConnectionContext connection, PeerIdentity peer, ConnectionLimits.ConnectionLease lease, ConnectionOutbox outbox, IActorRef session,
    IActorRef delivery, ActorSystem system, IHostApplicationLifetime lifetime, ILogger logger) : IDisposable
{
    private Action? _sayGoodbye;

    public IActorRef Session { get; } = session;

    public ConnectionOutbox Outbox { get; } = outbox;

    /// <summary>
    /// Hands the connection's output (its outbox, or what renders the chat's frames in the
    /// door's protocol into it) to the node's delivery actor, and counts the connection against
    /// the account it logs in as. Before the session hears any frame, so whatever it sends finds
    /// the output there, and a login is counted.
    /// </summary>
    public void Open(IConnectionOutput output)
    {
        delivery.Tell(new OpenConnection(Session, output));
        Session.Tell(new CountConnection(lease));
        logger.LogDebug("Connection {ConnectionId} from {Remote} ({Peer})", connection.ConnectionId, connection.RemoteEndPoint, peer);
    }

    /// <summary>Writes what the outbox holds, runs <paramref name="read"/> until the connection ends, then closes the session and drains.</summary>
    /// <param name="read">The door's read loop: lines from the socket to the session.</param>
    /// <param name="sayGoodbye">The door's farewell, for a host that stops after its actor system has gone.</param>
    /// <param name="closing">What the door undoes before the session hears the connection closed.</param>
    public async Task ServeAsync(Func<Task> read, Action sayGoodbye, Action? closing = null)
    {
        var pumping = Outbox.PumpAsync(connection.Transport.Output);
        // Kestrel would wait for every client to hang up before the host may stop: the delivery
        // actor says goodbye to them all (ChatActors), unless the actor system is already gone.
        // A static callback with this as its state: a lambda would keep a delegate and a closure
        // per connection for as long as it is open.
        _sayGoodbye = sayGoodbye;
        using var stopping = lifetime.ApplicationStopping.Register(static state => ((AdmittedConnection)state!).SayGoodbyeIfActorsAreGone(), this);
        try
        {
            await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or ConnectionResetException or OperationCanceledException)
        {
            logger.LogDebug("Connection {ConnectionId} ended: {Reason}", connection.ConnectionId, e.Message);
        }
        finally
        {
            ChatMetrics.ConnectionClosed();
            closing?.Invoke();
            Session.Tell(ConnectionClosed.Instance);
            await Outbox.EndAsync(pumping).ConfigureAwait(false);
        }
    }

    private void SayGoodbyeIfActorsAreGone()
    {
        if (system.WhenTerminated.IsCompleted)
            _sayGoodbye?.Invoke();
    }

    public void Dispose() => lease.Dispose();
}
