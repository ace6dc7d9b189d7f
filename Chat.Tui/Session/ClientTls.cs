using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>
/// TLS to the host (--tls). The host's certificate must chain to a trusted root and name the
/// host dialled; with a pinned certificate (--pin-cert FILE, for a self-signed host) it must be
/// exactly that certificate instead.
/// </summary>
public sealed record ClientTls(X509Certificate2? PinnedCertificate = null)
{
    public SslClientAuthenticationOptions For(string host) => TlsClientOptions.For(host, PinnedCertificate);
}

/// <summary>The TLS handshake failed: the host's certificate or name was not the one expected. A link failure the user must fix, not retry.</summary>
public sealed class UntrustedHostException(string message, Exception inner) : IOException(message, inner);
