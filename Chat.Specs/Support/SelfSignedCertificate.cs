using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Specs.Support;

/// <summary>A throwaway self-signed certificate for "localhost", written as PEM (certificate + key) and PKCS#12.</summary>
public sealed class SelfSignedCertificate
{
    private SelfSignedCertificate(X509Certificate2 certificate, string directory)
    {
        Certificate = certificate;
        CertificatePem = Path.Combine(directory, "host.crt");
        KeyPem = Path.Combine(directory, "host.key");
        Pfx = Path.Combine(directory, "host.pfx");
        File.WriteAllText(CertificatePem, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPem, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(Pfx, certificate.Export(X509ContentType.Pkcs12, PfxPassword));
    }

    public const string PfxPassword = "pfx-pass";

    public X509Certificate2 Certificate { get; }
    public string CertificatePem { get; }
    public string KeyPem { get; }
    public string Pfx { get; }

    public static SelfSignedCertificate CreateIn(string directory, string name = "localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return new SelfSignedCertificate(request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1)), directory);
    }
}
