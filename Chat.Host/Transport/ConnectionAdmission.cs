using Akka.Actor;
using Akka.Hosting;
using Chat.Actors.Accounts;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;
using Chat.Host.Hosting;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport;

/// <summary>
/// The door every connection comes through, whatever protocol it speaks (the chat's JSON lines
/// on TCP and the Unix socket, IRC): tells who the peer is, admits it under the connection caps
/// or refuses it in the door's words, and for an admitted one makes its bounded outbox and starts
/// its session actor. What happens next is <see cref="AdmittedConnection"/>.
/// </summary>
internal sealed class ConnectionAdmission(
    ActorRegistry registry, ActorSystem system, HostConfiguration config, ConnectionLimits limits,
    MotdBoard motd, IHostApplicationLifetime lifetime)
{
    /// <param name="logger">The door's: what is logged about the connection says which door it came through.</param>
    /// <param name="sessionName">The session actor's name before the connection id ("session-0HN…").</param>
    /// <param name="refusal">The door's refusal line for a reason, written directly: a refused connection gets no session.</param>
    /// <param name="peerLogin">Whether the peer may log in as its Unix user (the chat door on the Unix socket); none if null.</param>
    /// <returns>The admitted connection, to dispose when it ends (that frees its place), or null if it was refused.</returns>
    public async Task<AdmittedConnection?> TryAdmitAsync(
        ConnectionContext connection, ILogger logger, string sessionName, Func<string, ReadOnlyMemory<byte>> refusal,
        Func<PeerIdentity, Task<PeerLoginOffer>>? peerLogin = null)
    {
        var peer = await PeerIdentity.OfAsync(connection, config.Transport).ConfigureAwait(false);
        var lease = limits.TryAdmit(peer, out var reason);
        if (lease is null)
        {
            ChatMetrics.RefusedConnections.Add(1);
            await RefuseAsync(connection, logger, reason, refusal(reason)).ConfigureAwait(false);
            return null;
        }
        try
        {
            ChatMetrics.ConnectionOpened();
            var auth = await registry.GetAsync<AuthActor>().ConfigureAwait(false);
            var rooms = await registry.GetAsync<RoomSupervisor>().ConfigureAwait(false);
            var delivery = await registry.GetAsync<DeliveryActor>().ConfigureAwait(false);
            var outbox = new ConnectionOutbox(connection, config.OutboundQueueBytes, config.Transport.DrainTimeout, logger);
            var offer = peerLogin is null ? null : await peerLogin(peer).ConfigureAwait(false);
            var session = system.ActorOf(
                SessionActor.Props(delivery, auth, rooms, motd.SessionSettings, peer.Key, offer),
                $"{sessionName}-{connection.ConnectionId}");
            return new AdmittedConnection(connection, peer, lease, outbox, session, delivery, system, lifetime, logger);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private static async Task RefuseAsync(ConnectionContext connection, ILogger logger, string reason, ReadOnlyMemory<byte> refusal)
    {
        logger.LogWarning("Refused connection {ConnectionId} from {Remote}: {Reason}", connection.ConnectionId, connection.RemoteEndPoint, reason);
        try
        {
            await connection.Transport.Output.WriteAsync(refusal).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or ConnectionResetException)
        {
            // It went away by itself.
        }
    }
}
