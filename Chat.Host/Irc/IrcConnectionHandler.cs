using System.Text;
using Akka.Actor;
using Chat.Actors.Sessions;
using Chat.Host.Hosting;
using Chat.Host.Transport;
using Chat.Protocol;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Irc;

/// <summary>
/// One IRC connection: the same admission, session actor, connection caps, flood gate and
/// bounded outbox as a chat-protocol connection (<see cref="ConnectionAdmission"/>), with IRC
/// lines translated on the way in (<see cref="IrcCommands"/>) and the chat's frames rendered on
/// the way out (<see cref="IrcFrames"/>).
/// </summary>
internal sealed class IrcConnectionHandler(
    ConnectionAdmission admission, HostConfiguration config, IrcNickBook nicks, IrcFrameDecoder decoder, ILogger<IrcConnectionHandler> logger)
    : ConnectionHandler
{
    /// <summary>IRCv3: 512 bytes for the message and up to 8,191 more for its tags.</summary>
    public const int MaxLineBytes = 512 + 8191;

    // One for every connection of this door, as for the chat protocol's (ChatConnectionHandler).
    // IRC has no retry hint to give: past the held lines the socket is not read, and nothing is dropped.
    private readonly InboundFlowLimits _inboundFlow = config.Chat.Session.InboundFlow with { PauseReadWhenHeldFull = true };

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        using var admitted = await admission.TryAdmitAsync(connection, logger, "irc", Refusal).ConfigureAwait(false);
        if (admitted is null)
            return;
        var session = admitted.Session;
        var irc = new IrcConnection(admitted.Outbox, message => session.Tell(message), nicks) { GuestsAllowed = config.Irc.Guests, LobbyShown = config.Irc.AutoJoinLobby };
        admitted.Open(new IrcOutput(admitted.Outbox, irc, new IrcFrames(irc), decoder));
        // The session speaks the chat protocol: greet it as a chat client would; its welcome
        // tells the gateway the server's name and MOTD for the IRC burst.
        irc.Tell(new Hello(FrameCodec.ProtocolVersion, "irc-gateway"));

        // Made here, not in the read delegate: an async delegate would keep a state machine per
        // connection. Disposed when the reading ends (closing).
        var inbound = new IrcInbound(irc, _inboundFlow, admitted.Outbox);
        await admitted.ServeAsync(
            () => inbound.ReadAsync(connection.Transport.Input, MaxLineBytes, connection.ConnectionClosed),
            // The delivery actor's goodbye is an ERROR line (IrcFrames); this one is for when the actor system is gone.
            sayGoodbye: () =>
            {
                lock (irc.Gate)
                    irc.Close($"Closing link: {ChatActors.Farewell.Reason}");
            },
            closing: () =>
            {
                inbound.Dispose();
                lock (irc.Gate)
                    irc.LeaveChannelsOfGuest();
            }).ConfigureAwait(false);
    }

    private static ReadOnlyMemory<byte> Refusal(string reason) => Encoding.UTF8.GetBytes($"ERROR :{reason}\r\n");
}
