using System.Collections.Concurrent;
using Chat.Protocol;

namespace Chat.Specs.Support;

/// <summary>What went over one link through the tap, each way in order.</summary>
public sealed class TappedLink
{
    public ConcurrentQueue<ClientFrame> FromClient { get; } = new();

    public ConcurrentQueue<ServerFrame> FromHost { get; } = new();

    /// <summary>Whether the host answered every request the client sent on this link so far.</summary>
    public bool EveryRequestAnswered()
    {
        var answered = FromHost.OfType<Reply>().Select(r => r.Re).ToHashSet();
        return FromClient.All(f => f.Id is null || answered.Contains(f.Id));
    }
}
