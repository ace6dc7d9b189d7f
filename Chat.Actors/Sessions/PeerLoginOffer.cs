namespace Chat.Actors.Sessions;

/// <summary>
/// Whether a connection may log in without a password to the account named like its Unix user
/// (the "peer_login" request, PostgreSQL's "peer" authentication): the Unix user the kernel named
/// when it may, else why not, said to the client who asks. Decided by the socket edge, which
/// knows the transport and the peer; plain data, like the session's other creator arguments.
/// </summary>
public sealed record PeerLoginOffer(string? UnixUser, string Refusal)
{
    public static readonly PeerLoginOffer NotOnTheSocket = new(null,
        "logging in without a password works only over the host's Unix socket (nc -U, or the client's --server unix:PATH); log in with your password");

    public static readonly PeerLoginOffer Off = new(null,
        "logging in without a password is off on this host (chat.unix-socket.peer-login); log in with your password");

    public static readonly PeerLoginOffer PeerUnknown = new(null,
        "the host could not learn your Unix user from the socket; log in with your password");

    public static PeerLoginOffer For(string unixUser) => new(unixUser, "");
}
