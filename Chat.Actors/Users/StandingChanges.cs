using Akka.Actor;

namespace Chat.Actors.Users;

/// <summary>What the admin command's change to an account does to the user's actor, terminals and rooms.</summary>
internal static class StandingChanges
{
    /// <summary>
    /// A new host operator role reaches the user's rooms at once (their rank there, and the role
    /// members see, change with it, not at the next join); a disabled or banned account's
    /// terminals are told why and close.
    /// </summary>
    public static UserState Apply(UserState state, AccountStandingChanged changed, RoomActors rooms)
    {
        if (changed.HostOperator is { } hostOperator && hostOperator != state.HostOperator)
        {
            state = state with { HostOperator = hostOperator };
            rooms.TellAllAndEntering(new Rooms.SetHostOperator(state.Username, hostOperator));
        }
        if (changed.End is { } bye)
            state.OtherTerminals(ActorRefs.Nobody).ToList().ForEach(session => session.Tell(bye));
        return state;
    }
}
