using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Protocol;

/// <summary>
/// How a client authenticates the host over TLS (the client's --tls and --pin-cert): by default
/// the certificate must chain to a trusted root and name the host the client dialled; with a
/// pinned certificate (a self-signed host) the host must present exactly that certificate.
/// </summary>
public static class TlsClientOptions
{
    public static SslClientAuthenticationOptions For(string serverName, X509Certificate2? pinned = null) => new()
    {
        TargetHost = serverName,
        RemoteCertificateValidationCallback = pinned is null ? null : (_, certificate, _, _) => IsPinned(certificate, pinned),
    };

    /// <summary>Reads a certificate to pin from a PEM or DER file (the host's certificate, without its key).</summary>
    public static X509Certificate2 LoadPinned(string path) => X509CertificateLoader.LoadCertificateFromFile(path);

    // The pinned bytes stand in for both the chain and the name: they are the one certificate trusted.
    private static bool IsPinned(X509Certificate? presented, X509Certificate2 pinned) =>
        presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(pinned.RawData);
}
