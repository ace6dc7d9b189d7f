using Akka.Actor;
using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Host.Hosting;

/// <summary>What /healthz reports: healthy, or the reasons it is not.</summary>
public sealed record HealthReport(IReadOnlyList<string> Problems)
{
    public bool Healthy => Problems.Count == 0;

    public string Text => Healthy ? "ok\n" : string.Join("\n", Problems) + "\n";
}

/// <summary>
/// The host is healthy when its store answers a read and its actors answer a message, each
/// within <see cref="Patience"/>. Both are asked, so a report names every problem at once.
/// </summary>
public static class HostHealth
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public static async Task<HealthReport> CheckAsync(IChatStore store, ActorSystem system, IActorRef rooms, CancellationToken cancellationToken = default)
    {
        var checks = await Task.WhenAll(StoreProblemAsync(store, cancellationToken), ActorsProblemAsync(system, rooms, cancellationToken)).ConfigureAwait(false);
        return new HealthReport(checks.OfType<string>().ToList());
    }

    private static async Task<string?> StoreProblemAsync(IChatStore store, CancellationToken cancellationToken)
    {
        try
        {
            await store.LastRoomSeqAsync(RoomNames.Lobby, cancellationToken).WaitAsync(Patience, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException)
        {
            return $"store: no answer to a read within {Patience.TotalSeconds:0}s";
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return $"store: a read failed ({e.GetType().Name}: {e.Message})";
        }
    }

    private static async Task<string?> ActorsProblemAsync(ActorSystem system, IActorRef rooms, CancellationToken cancellationToken)
    {
        if (system.WhenTerminated.IsCompleted)
            return "actors: the actor system has stopped";
        try
        {
            var identity = await rooms.Ask<ActorIdentity>(new Identify(null), Patience, cancellationToken).ConfigureAwait(false);
            return identity.Subject is null ? "actors: the room supervisor is gone" : null;
        }
        catch (AskTimeoutException)
        {
            return $"actors: the room supervisor did not answer within {Patience.TotalSeconds:0}s";
        }
    }
}
