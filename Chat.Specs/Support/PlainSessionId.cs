using Akka.Actor;

namespace Chat.Specs.Support;

/// <summary>
/// Session refs for specs of pure state, which hold them only as ids: no actor system, no
/// actor behind them. Two made with the same name are equal, as refs to one path are.
/// </summary>
public sealed class PlainSessionId(string name) : MinimalActorRef
{
    public override ActorPath Path { get; } = new RootActorPath(new Address("akka", "specs")) / "user" / name;

    public override IActorRefProvider Provider => throw new InvalidOperationException("a plain id has no actor system");
}
