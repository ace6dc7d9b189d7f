using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Chat.Actors;
using Chat.Actors.Accounts;
using Chat.Actors.Delivery;
using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
using Chat.Actors.Telemetry;
using Chat.Host.Hosting;
using Chat.Host.Transport;
using Chat.Protocol;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Irc;

/// <summary>
/// One IRC connection: the same session actor, connection caps, flood gate and bounded outbox
/// as a chat-protocol connection, with IRC lines translated on the way in
/// (<see cref="IrcCommands"/>) and the chat's frames rendered on the way out (<see cref="IrcFrames"/>).
/// </summary>
internal sealed class IrcConnectionHandler(
    ActorRegistry registry, ActorSystem system, HostConfiguration config, ConnectionLimits limits,
    MotdBoard motd, IrcNickBook nicks, IrcFrameDecoder decoder, IHostApplicationLifetime lifetime, ILogger<IrcConnectionHandler> logger)
    : ConnectionHandler
{
    /// <summary>IRCv3: 512 bytes for the message and up to 8,191 more for its tags.</summary>
    public const int MaxLineBytes = 512 + 8191;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var peer = await PeerIdentity.OfAsync(connection, config.Transport).ConfigureAwait(false);
        using var lease = limits.TryAdmit(peer, out var refusal);
        if (lease is null)
        {
            ChatMetrics.RefusedConnections.Add(1);
            await connection.Transport.Output.WriteAsync(Encoding.UTF8.GetBytes($"ERROR :{refusal}\r\n")).ConfigureAwait(false);
            return;
        }
        ChatMetrics.ConnectionOpened();

        var auth = await registry.GetAsync<AuthActor>().ConfigureAwait(false);
        var rooms = await registry.GetAsync<RoomSupervisor>().ConfigureAwait(false);
        var delivery = await registry.GetAsync<DeliveryActor>().ConfigureAwait(false);
        var outbox = new ConnectionOutbox(connection, config.OutboundQueueBytes, config.Transport.DrainTimeout, logger);
        var session = system.ActorOf(
            SessionActor.Props(delivery, auth, rooms, motd.SessionSettings, peer.Key),
            $"irc-{connection.ConnectionId}");
        var irc = new IrcConnection(outbox, message => session.Tell(message), nicks) { GuestsAllowed = config.Irc.Guests, LobbyShown = config.Irc.AutoJoinLobby };
        var frames = new IrcFrames(irc);
        delivery.Tell(new OpenConnection(session, new IrcOutput(outbox, irc, frames, decoder)));
        session.Tell(new CountConnection(lease));
        // The session speaks the chat protocol: greet it as a chat client would; its welcome
        // tells the gateway the server's name and MOTD for the IRC burst.
        irc.Tell(new Hello(FrameCodec.ProtocolVersion, "irc-gateway"));

        var pumping = outbox.PumpAsync(connection.Transport.Output);
        // As for chat connections: the delivery actor says goodbye (an ERROR line), unless the actor system is gone.
        using var stopping = lifetime.ApplicationStopping.Register(() =>
        {
            if (!system.WhenTerminated.IsCompleted)
                return;
            lock (irc.Gate)
                irc.Close($"Closing link: {ChatActors.Farewell.Reason}");
        });
        try
        {
            using var inbound = new IrcInbound(irc, config.Chat.Session.InboundFlow, outbox);
            await inbound.ReadAsync(connection.Transport.Input, MaxLineBytes, connection.ConnectionClosed).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or ConnectionResetException or OperationCanceledException)
        {
            logger.LogDebug("IRC connection {ConnectionId} ended: {Reason}", connection.ConnectionId, e.Message);
        }
        finally
        {
            ChatMetrics.ConnectionClosed();
            lock (irc.Gate)
                irc.LeaveChannelsOfGuest();
            session.Tell(ConnectionClosed.Instance);
            await outbox.EndAsync(pumping).ConfigureAwait(false);
        }
    }
}
