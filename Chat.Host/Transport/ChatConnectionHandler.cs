using System.Net.Sockets;
using Akka.Actor;
using Chat.Actors.Sessions;
using Chat.Protocol;
using Chat.Host.Hosting;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host.Transport;

/// <summary>
/// One chat-protocol connection (TCP or the Unix socket): lines in, frames decoded and told to
/// the connection's session actor; frames out through the bounded outbox, which this node's
/// delivery actor holds and writes to. Admission, session and outbox are every door's
/// (<see cref="ConnectionAdmission"/>); what is this protocol's is here. No chat state lives here.
/// </summary>
/// <remarks>
/// Every await in the host's transport and composition is ConfigureAwait(false): the host can
/// share a process (the specs) with UI code that leaves a SynchronizationContext on a pool
/// thread, and a continuation posted to a UI loop that has gone away crashes the process.
/// </remarks>
internal sealed class ChatConnectionHandler(ConnectionAdmission admission, HostConfiguration config, ILogger<ChatConnectionHandler> logger)
    : ConnectionHandler
{
    // One for every connection of this door: the limits are the host's, and each connection's
    // own copy of them was 48 bytes per idle connection.
    private readonly InboundFlowLimits _inboundFlow = config.Chat.Session.InboundFlow;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        using var admitted = await admission.TryAdmitAsync(
            connection, logger, "session", Refusal, peer => PeerLoginOfferAsync(connection, peer)).ConfigureAwait(false);
        if (admitted is null)
            return;
        admitted.Open(admitted.Outbox);
        // Made here, not in a read method of its own: each async method waiting per connection is
        // a state machine kept for as long as the connection lives. Disposed when the reading ends
        // (closing), before the session hears the connection closed.
        var inbound = new InboundFrames(new LineFramer(config.MaxLineBytes), _inboundFlow, admitted.Session, admitted.Outbox);
        admitted.Session.Tell(new WatchChatLineAnswers(inbound));
        await admitted.ServeAsync(
            () => inbound.ReadAsync(connection.Transport.Input, connection.ConnectionClosed),
            sayGoodbye: () => admitted.Outbox.SayByeAndFinish(ChatActors.Farewell.Code, ChatActors.Farewell.Reason),
            closing: inbound.Dispose).ConfigureAwait(false);
    }

    private static ReadOnlyMemory<byte> Refusal(string reason) => FrameCodec.Server.Encode(new Bye(ErrorCodes.TooManyConnections, reason));

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
}
