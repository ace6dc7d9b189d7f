namespace Chat.Host.Hosting;

/// <summary>The socket edge's limits and TLS, from the HOCON sections "chat.connections", "chat.tls" and "chat.protocol".</summary>
public sealed record TransportSettings
{
    public int MaxConnections { get; init; } = 10000;
    public int MaxConnectionsPerAddress { get; init; } = 16;
    /// <summary>
    /// On a shared box every local user comes from loopback: one address for everyone. So by
    /// default loopback connections are not capped (nor throttled) per address.
    /// </summary>
    public bool CountLoopbackPerAddress { get; init; }
    /// <summary>On loopback TCP, ask the kernel (/proc/net/tcp) which Unix user owns the client's socket, and count per user.</summary>
    public bool IdentifyLoopbackPeers { get; init; } = true;
    /// <summary>Connections one peer may hold open without having logged in.</summary>
    public int MaxAnonymousPerPeer { get; init; } = 4;
    /// <summary>Connections logged in to one account at once.</summary>
    public int MaxConnectionsPerAccount { get; init; } = 8;
    /// <summary>The Unix domain socket to listen on too; empty for none.</summary>
    public string UnixSocketPath { get; init; } = "";
    /// <summary>The socket file's permissions (connecting needs write permission on it).</summary>
    public UnixFileMode UnixSocketMode { get; init; } = (UnixFileMode)Convert.ToInt32("666", 8);
    /// <summary>
    /// Whether a Unix user may log in over the Unix socket to the chat account of the same name
    /// without a password (as PostgreSQL's "peer" authentication). Off by default; see docs/security.md.
    /// </summary>
    public bool PeerLogin { get; init; }
    /// <summary>How long a closing connection may take to receive its last frames.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>PEM or PKCS#12 (.pfx/.p12) certificate file; empty for plain TCP.</summary>
    public string TlsCertificate { get; init; } = "";
    /// <summary>The PEM private key file, when the certificate is PEM and its key is a separate file.</summary>
    public string TlsKey { get; init; } = "";
    /// <summary>The PKCS#12 file's or the encrypted PEM key's password.</summary>
    public string TlsPassword { get; init; } = "";
}
