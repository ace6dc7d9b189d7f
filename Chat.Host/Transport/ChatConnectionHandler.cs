using System.Buffers;
using System.IO.Pipelines;
using Akka.Actor;
using Akka.Hosting;
using Chat.Actors.Accounts;
using Chat.Actors.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
using Chat.Host.Hosting;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport;

/// <summary>
/// One TCP connection: lines in, frames decoded and told to the connection's session actor;
/// frames out through the bounded outbox. No chat state lives here.
/// </summary>
internal sealed class ChatConnectionHandler(
    ActorRegistry registry, ActorSystem system, HostConfiguration config, IHostApplicationLifetime lifetime, ILogger<ChatConnectionHandler> logger)
    : ConnectionHandler
{
    /// <summary>How long a closing connection may take to drain what was queued for it.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var auth = await registry.GetAsync<AuthActor>();
        var rooms = await registry.GetAsync<RoomSupervisor>();
        var outbox = new ConnectionOutbox(connection, config.OutboundQueueBytes, logger);
        var session = system.ActorOf(SessionActor.Props(outbox, auth, rooms, config.Chat), $"session-{connection.ConnectionId}");
        logger.LogDebug("Connection {ConnectionId} from {Remote}", connection.ConnectionId, connection.RemoteEndPoint);

        var pumping = outbox.PumpAsync(connection.Transport.Output);
        // Kestrel would wait for every client to hang up before the host may stop.
        using var stopping = lifetime.ApplicationStopping.Register(() => outbox.Close("the host is shutting down"));
        try
        {
            await ReadFramesAsync(connection.Transport.Input, session, new LineFramer(config.MaxLineBytes));
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or ConnectionResetException or OperationCanceledException)
        {
            logger.LogDebug("Connection {ConnectionId} ended: {Reason}", connection.ConnectionId, e.Message);
        }
        finally
        {
            session.Tell(ConnectionClosed.Instance);
            outbox.Complete();
            try
            {
                await pumping.WaitAsync(DrainTimeout);
            }
            catch (TimeoutException)
            {
                connection.Abort(new ConnectionAbortedException("the client did not read its last frames"));
            }
        }
    }

    private static async Task ReadFramesAsync(PipeReader input, IActorRef session, LineFramer framer)
    {
        while (true)
        {
            var result = await input.ReadAsync();
            var buffer = result.Buffer;
            try
            {
                while (framer.TryReadLine(ref buffer, out var line) is var status and not LineStatus.NeedMore)
                {
                    if (status == LineStatus.TooLong)
                        session.Tell(new FrameRejected(ErrorCodes.FrameTooLong, $"a line may have at most {framer.MaxLineBytes} bytes", null));
                    else
                        Dispatch(FrameCodec.Client.Decode(line), session);
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

    private static void Dispatch(Decoded<ClientFrame> decoded, IActorRef session)
    {
        if (decoded.Frame is { } frame)
            session.Tell(frame);
        else if (!decoded.IsBlank)
            session.Tell(new FrameRejected(decoded.ErrorCode!, decoded.ErrorMessage!, decoded.Id));
    }
}
