namespace Chat.Actors.Sessions;

/// <summary>
/// Counts one connection against the account it logs in to (the socket edge's connection
/// limits): a chained resume cannot give one account more connections than it may have.
/// </summary>
public interface IAccountConnections
{
    /// <summary>False, with why, when the account already has as many connections as it may.</summary>
    /// <param name="alone">The account may have no other connection (a guest: a nick is one person's while in use).</param>
    bool TryLogIn(string username, out string refusal, bool alone = false);

    /// <summary>The connection logged out: it no longer counts against its account.</summary>
    void LoggedOut();
}

/// <summary>
/// Hands a new session its connection's count, before any frame of that connection. Node-local
/// like <c>OpenConnection</c>: the count lives with the socket on the node that accepted it, so
/// the message is exempt from serialisation checks and must never be sent to another node.
/// </summary>
public sealed record CountConnection(IAccountConnections Counter) : Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>For a session no connection limit applies to (specs that drive a session directly).</summary>
public sealed class UncountedConnection : IAccountConnections
{
    public static readonly UncountedConnection Instance = new();

    public bool TryLogIn(string username, out string refusal, bool alone = false)
    {
        refusal = "";
        return true;
    }

    public void LoggedOut()
    {
    }
}
