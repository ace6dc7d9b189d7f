using System.Collections.Immutable;
using Akka.Actor;
using Chat.Protocol;

namespace Chat.Actors.Delivery;

/// <summary>
/// How an actor sends frames to client connections: encoded once, then one <see cref="Deliver"/>
/// per node (per delivery actor) with every session there that gets them.
/// </summary>
public static class Outbound
{
    public static byte[] Encode(ServerFrame frame) => FrameCodec.Server.Encode(frame);

    public static void Send(this ClientConnection connection, ServerFrame frame) => connection.Send(Encode(frame));

    public static void Send(this ClientConnection connection, byte[] frames) =>
        connection.Delivery.Tell(new Deliver([connection.Session], frames));

    /// <summary>To the connection that asked, through its node's delivery actor, when known; else to the actor that asked.</summary>
    public static void Answer(ClientConnection? requester, IActorRef replyTo, ServerFrame frame)
    {
        if (requester is not null)
            requester.Send(frame);
        else
            replyTo.Tell(frame);
    }

    public static void Send(this IEnumerable<ClientConnection> connections, ServerFrame frame)
    {
        var nodes = ByNode(connections);
        if (nodes.IsEmpty)
            return;
        var frames = Encode(frame);
        foreach (var node in nodes)
            node.Send(frames);
    }

    /// <summary>
    /// Direct messages (up to <paramref name="upToId"/>, encoded together) to every connection; each
    /// node whose connections took them answers <paramref name="confirmTo"/> <see cref="DirectMessagesWritten"/>.
    /// </summary>
    public static void SendDirectMessages(this IEnumerable<ClientConnection> connections, byte[] frames, long upToId, IActorRef confirmTo)
    {
        foreach (var node in ByNode(connections))
            node.Delivery.Tell(new DeliverDirectMessages(node.Sessions, frames, upToId), confirmTo);
    }

    /// <summary>The connections grouped by the node that holds them, ready to be sent to again and again.</summary>
    public static ImmutableArray<Recipients> ByNode(IEnumerable<ClientConnection> connections) =>
        [.. connections.GroupBy(c => c.Delivery).Select(node => new Recipients(node.Key, [.. node.Select(c => c.Session)]))];
}

/// <summary>The sessions of one node that get the same frames.</summary>
public sealed record Recipients(IActorRef Delivery, ImmutableArray<IActorRef> Sessions)
{
    public void Send(byte[] frames) => Delivery.Tell(new Deliver(Sessions, frames));
}
