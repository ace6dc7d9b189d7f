using System.Security.Cryptography.X509Certificates;
using Chat.Host.Hosting;

namespace Chat.Host.Transport;

/// <summary>The listener's TLS certificate from the HOCON "chat.tls" keys: a PKCS#12 file, or PEM certificate and key.</summary>
internal static class ListenerCertificate
{
    /// <summary>Null when no certificate is configured: the listener speaks plain TCP.</summary>
    public static X509Certificate2? Load(TransportSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.TlsCertificate))
            return null;
        var path = Path.GetFullPath(settings.TlsCertificate);
        var password = string.IsNullOrEmpty(settings.TlsPassword) ? null : settings.TlsPassword;
        if (Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12")
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);

        var keyPath = string.IsNullOrWhiteSpace(settings.TlsKey) ? null : Path.GetFullPath(settings.TlsKey);
        using var pem = password is null
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        // A key read from PEM is ephemeral, which some platforms' TLS stacks refuse to use;
        // a PKCS#12 round trip gives a key every platform can hand to its TLS stack.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
