using System.Buffers;
using System.IO.Pipelines;
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
    MotdBoard motd, IHostApplicationLifetime lifetime, ILogger<IrcConnectionHandler> logger)
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
            SessionActor.Props(delivery, auth, rooms, config.Chat with { Motd = motd.Current }, peer.Key),
            $"irc-{connection.ConnectionId}");
        var irc = new IrcConnection(outbox, message => session.Tell(message)) { GuestsAllowed = config.Irc.Guests };
        var frames = new IrcFrames(irc);
        delivery.Tell(new OpenConnection(session, new IrcOutput(outbox, irc, frames)));
        session.Tell(new CountConnection(lease));
        // The session speaks the chat protocol: greet it as a chat client would; its welcome
        // tells the gateway the server's name and MOTD for the IRC burst.
        irc.Tell(new Hello(FrameCodec.ProtocolVersion, "irc-gateway"));

        var pumping = outbox.PumpAsync(connection.Transport.Output);
        using var stopping = lifetime.ApplicationStopping.Register(() =>
        {
            lock (irc.Gate)
                irc.Close("Closing link: the host is shutting down; reconnect in a moment");
        });
        try
        {
            await ReadAsync(connection.Transport.Input, new IrcCommands(irc), NewFloodGate(config.Chat.Session), irc, outbox).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or ConnectionResetException or OperationCanceledException)
        {
            logger.LogDebug("IRC connection {ConnectionId} ended: {Reason}", connection.ConnectionId, e.Message);
        }
        finally
        {
            ChatMetrics.ConnectionClosed();
            session.Tell(ConnectionClosed.Instance);
            await outbox.EndAsync(pumping).ConfigureAwait(false);
        }
    }

    /// <summary>The connection's flood gate, as the chat protocol's was before it held lines (fakelag is not yet the gateway's).</summary>
    private static FloodGate NewFloodGate(SessionLimits limits) =>
        new(limits.FloodBurst, limits.FloodLinesPerSecond, limits.FloodStrikesBeforeDisconnect);

    private static async Task ReadAsync(PipeReader input, IrcCommands commands, FloodGate floodGate, IrcConnection irc, ConnectionOutbox outbox)
    {
        var framer = new LineFramer(MaxLineBytes);
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (framer.TryReadLine(ref buffer, out var line) is var status and not LineStatus.NeedMore)
                {
                    if (status == LineStatus.TooLong)
                    {
                        lock (irc.Gate)
                            irc.Numeric("417", "Input line was too long");
                        continue;
                    }
                    if (IrcLine.Parse(Encoding.UTF8.GetString(line)) is not { } message)
                        continue;
                    ChatMetrics.FramesReceived.Add(1);
                    switch (floodGate.Admit(MonotonicClock.Now()).Outcome)
                    {
                        case FloodOutcome.Admitted:
                            commands.Handle(message);
                            break;
                        case FloodOutcome.Refused:
                            ChatMetrics.Flood("connection", disconnected: false);
                            lock (irc.Gate)
                                irc.Notice($"Too many lines; slow down. Dropped: {message.Command}");
                            break;
                        case FloodOutcome.Disconnect:
                            ChatMetrics.Flood("connection", disconnected: true);
                            lock (irc.Gate)
                                irc.Emit(IrcLine.Of("ERROR", "Closing link: Excess Flood"));
                            outbox.Finish("flooding");
                            return;
                    }
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
            if (result.IsCompleted || result.IsCanceled)
                return;
        }
    }
}
