using Akka.Actor;
using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Actors.Users;

// What the user actor sends itself: piped-back store answers and its timer.

/// <summary>A further terminal's unread counts (null: not readable), to send before its pages.</summary>
internal sealed record TerminalUnreadLoaded(IActorRef Session, Unread? Unread);

/// <summary>A change the state decided (a nickname, a membership) is stored: apply it.</summary>
internal sealed record ChangeStored(UserEvent Change, RequestId? Re, IActorRef ReplyTo);

internal sealed record CheckFloodGateRested
{
    public static readonly CheckFloodGateRested Instance = new();
}

/// <summary>Time for the account's gate to let held chat lines go (<see cref="AccountGate"/>).</summary>
internal sealed record ReleaseHeldChatLines
{
    public static readonly ReleaseHeldChatLines Instance = new();
}

/// <summary>
/// Time to ask again the rooms that have not answered the user's join. In a cluster, a join sent
/// to a room whose node is being lost can reach the lost node's shard region and go nowhere; the
/// room's next incarnation answers a join asked again (one from a member already in is a no-op).
/// </summary>
internal sealed record AskRoomsAgain
{
    public static readonly AskRoomsAgain Instance = new();

    /// <summary>Longer than a room takes to answer when it is there: asking again is for joins that were lost.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
}

internal static class NicknameClaims
{
    /// <summary>The store holds look-alike names to one account: a nickname it refuses is taken.</summary>
    public static async Task ClaimNicknameAsync(this IChatStore store, string username, string nickname)
    {
        if (!await store.SetNicknameAsync(username, nickname))
            throw new StoreLimitReachedException(ErrorCodes.NickTaken, $"'{nickname}' is taken: it is, or looks like, another person's name or nickname");
    }
}
