namespace Chat.Tui.Session;

/// <summary>One reconnect attempt: which it is (1 for the first after a drop), where it goes, and how long it waits first.</summary>
public sealed record ReconnectTry(int Attempt, ServerAddress Server, TimeSpan Delay);

/// <summary>
/// Where the link goes when it drops, as a value the link replaces at each step (specs need no
/// socket and no terminal). The addresses are the nodes of one chat, tried in turn: first the one
/// after the node that was lost, so a dead node is tried again last, then round the list. The
/// wait doubles with each round (<see cref="ReconnectPolicy"/>, jittered as before), not with each
/// address: a client whose node died reaches a live one after one short wait, while clients of a
/// host that is down for everyone still back off. A login that goes through starts over from
/// the node it went through.
/// </summary>
public sealed record Reconnection(ServerList Servers, ReconnectPolicy Policy)
{
    /// <summary>The address last logged in through (its place in <see cref="Servers"/>).</summary>
    public int Current { get; private init; }

    /// <summary>Attempts since the last good login; 0 while logged in.</summary>
    public int Attempt { get; private init; }

    /// <summary>The address the link is on, or that the last attempt tried.</summary>
    public ServerAddress Server => Servers[(Current + Attempt) % Servers.Count];

    /// <summary>The next attempt after a drop or a failed try, and the state that remembers it.</summary>
    /// <param name="draw">A number in [0, 1) for the jitter: the app passes Random.Shared.NextDouble.</param>
    public Reconnection Next(Func<double> draw, out ReconnectTry next)
    {
        var attempt = Attempt + 1;
        var round = (attempt - 1) / Servers.Count + 1;
        var after = this with { Attempt = attempt };
        next = new ReconnectTry(attempt, after.Server, Policy.JitteredDelayBefore(round, draw));
        return after;
    }

    /// <summary>A login went through at <paramref name="server"/>: the next drop starts from it, with the shortest wait.</summary>
    public Reconnection LoggedInAt(ServerAddress server) =>
        this with { Current = Math.Max(0, Servers.IndexOf(server)), Attempt = 0 };
}
