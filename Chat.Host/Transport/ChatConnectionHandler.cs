using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Chat.Actors.Accounts;
using Chat.Actors.Delivery;
using Chat.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;
using Chat.Host.Hosting;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport;

/// <summary>
/// One TCP connection: lines in, frames decoded and told to the connection's session actor;
/// frames out through the bounded outbox, which this node's delivery actor holds and writes to.
/// No chat state lives here.
/// </summary>
/// <remarks>
/// Every await in the host's transport and composition is ConfigureAwait(false): the host can
/// share a process (the specs) with UI code that leaves a SynchronizationContext on a pool
/// thread, and a continuation posted to a UI loop that has gone away crashes the process.
/// </remarks>
internal sealed class ChatConnectionHandler(
    ActorRegistry registry, ActorSystem system, HostConfiguration config, ConnectionLimits limits,
    MotdBoard motd, IHostApplicationLifetime lifetime, ILogger<ChatConnectionHandler> logger)
    : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var peer = await PeerIdentity.OfAsync(connection, config.Transport).ConfigureAwait(false);
        using var lease = limits.TryAdmit(peer, out var refusal);
        if (lease is null)
        {
            ChatMetrics.RefusedConnections.Add(1);
            await RefuseAsync(connection, refusal).ConfigureAwait(false);
            return;
        }
        ChatMetrics.ConnectionOpened();

        var auth = await registry.GetAsync<AuthActor>().ConfigureAwait(false);
        var rooms = await registry.GetAsync<RoomSupervisor>().ConfigureAwait(false);
        var delivery = await registry.GetAsync<DeliveryActor>().ConfigureAwait(false);
        var outbox = new ConnectionOutbox(connection, config.OutboundQueueBytes, config.Transport.DrainTimeout, logger);
        var peerLogin = await PeerLoginOfferAsync(connection, peer).ConfigureAwait(false);
        var session = system.ActorOf(
            SessionActor.Props(delivery, auth, rooms, motd.SessionSettings, peer.Key, peerLogin),
            $"session-{connection.ConnectionId}");
        // Before the session hears any frame, so whatever it sends finds the output there, and
        // a login is counted against its account.
        delivery.Tell(new OpenConnection(session, outbox));
        session.Tell(new CountConnection(lease));
        logger.LogDebug("Connection {ConnectionId} from {Remote} ({Peer})", connection.ConnectionId, connection.RemoteEndPoint, peer);

        var pumping = outbox.PumpAsync(connection.Transport.Output);
        // Kestrel would wait for every client to hang up before the host may stop: the delivery
        // actor tells them all (ChatActors), unless the actor system is already gone.
        using var stopping = lifetime.ApplicationStopping.Register(() =>
        {
            if (system.WhenTerminated.IsCompleted)
                outbox.SayByeAndFinish(ChatActors.Farewell.Code, ChatActors.Farewell.Reason);
        });
        using var inbound = new InboundFrames(new LineFramer(config.MaxLineBytes), config.Chat.Session.InboundFlow, session, outbox);
        session.Tell(new WatchChatLineAnswers(inbound));
        try
        {
            await inbound.ReadAsync(connection.Transport.Input, connection.ConnectionClosed).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or ConnectionResetException or OperationCanceledException)
        {
            logger.LogDebug("Connection {ConnectionId} ended: {Reason}", connection.ConnectionId, e.Message);
        }
        finally
        {
            ChatMetrics.ConnectionClosed();
            session.Tell(ConnectionClosed.Instance);
            await outbox.EndAsync(pumping).ConfigureAwait(false);
        }
    }

    /// <summary>Whether this connection may log in as its Unix user without a password: only on the Unix socket, when on, for a peer the kernel named.</summary>
    private async Task<PeerLoginOffer> PeerLoginOfferAsync(ConnectionContext connection, PeerIdentity peer)
    {
        if (connection.LocalEndPoint is not UnixDomainSocketEndPoint)
            return PeerLoginOffer.NotOnTheSocket;
        if (!config.Transport.PeerLogin)
            return PeerLoginOffer.Off;
        // The user database may be a network service (LDAP): asked off this thread, once per connection.
        var name = peer.UnixUid is { } uid ? await Task.Run(() => UnixUsers.NameOf(uid)).ConfigureAwait(false) : null;
        return name is null ? PeerLoginOffer.PeerUnknown : PeerLoginOffer.For(name);
    }

    private async Task RefuseAsync(ConnectionContext connection, string refusal)
    {
        logger.LogWarning("Refused connection {ConnectionId} from {Remote}: {Reason}", connection.ConnectionId, connection.RemoteEndPoint, refusal);
        try
        {
            await connection.Transport.Output.WriteAsync(FrameCodec.Server.Encode(new Bye(ErrorCodes.TooManyConnections, refusal))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or ConnectionResetException)
        {
            // It went away by itself.
        }
    }
}
