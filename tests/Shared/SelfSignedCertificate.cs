using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ragex.Tests;

/// <summary>A throw-away certificate for ragex.cluster.tls, as an operator would make one with openssl.</summary>
public static class SelfSignedCertificate
{
    /// <summary>Writes a PKCS#12 file with an RSA key, usable by both TLS server and client.</summary>
    public static void Write(string path, string subject, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
    }

    /// <summary>The <c>$RAGEX_HOME/ragex.hocon</c> that turns TLS on with this certificate.</summary>
    public static string Hocon(string path, string password) => $$"""
        ragex.cluster.tls {
          enabled = on
          certificate-path = "{{path}}"
          certificate-password = "{{password}}"
        }
        """;
}
