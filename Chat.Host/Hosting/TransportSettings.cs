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
    /// <summary>How long a closing connection may take to receive its last frames.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>PEM or PKCS#12 (.pfx/.p12) certificate file; empty for plain TCP.</summary>
    public string TlsCertificate { get; init; } = "";
    /// <summary>The PEM private key file, when the certificate is PEM and its key is a separate file.</summary>
    public string TlsKey { get; init; } = "";
    /// <summary>The PKCS#12 file's or the encrypted PEM key's password.</summary>
    public string TlsPassword { get; init; } = "";
}
