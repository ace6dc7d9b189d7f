using Akka;
using Akka.Actor;

namespace Chat.Host.Hosting;

/// <summary>
/// The host says dead letters are not logged while its actors stop
/// (<c>akka.log-dead-letters-during-shutdown = off</c>): what they leave behind then (a room's last
/// fan-out to the node's delivery actor, stopped first; a user entering again a room whose actor
/// stopped first) is not worth an operator's look. Akka stops its dead-letter listener at that
/// point through a message to the system guardian, while it stops the actors directly, so on a
/// loaded machine the listener still logged a few. Here it stops listening, at once, in the phase
/// before the actors stop; the phases before (the cluster's hand-offs) are logged as before.
/// </summary>
internal static class DeadLettersAtShutdown
{
    internal const string ListenerPath = "/system/deadLetterListener";

    public static void KeepOutOfTheLog(ActorSystem system)
    {
        if (system.Settings.LogDeadLettersDuringShutdown || system.Settings.LogDeadLetters == 0)
            return;
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "dead-letters-out-of-the-log", async () =>
        {
            await StopListeningAsync(system).ConfigureAwait(false);
            return Done.Instance;
        });
    }

    /// <summary>Akka's dead-letter listener stops hearing of dead letters, at once.</summary>
    internal static async Task StopListeningAsync(ActorSystem system)
    {
        try
        {
            var listener = await system.ActorSelection(ListenerPath).ResolveOne(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            system.EventStream.Unsubscribe(listener);
        }
        catch (ActorNotFoundException)
        {
            // It stopped itself (it had logged as many as it may): nothing left to keep quiet.
        }
    }
}
