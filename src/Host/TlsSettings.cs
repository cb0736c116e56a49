using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;

namespace Ragex.Host;

/// <summary>
/// <c>ragex.cluster.tls</c>: Akka.Remote's TLS with mutual authentication, and a peer accepted only if its certificate's
/// thumbprint is trusted. By default the one trusted certificate is the node's own, so a cluster shares one certificate
/// and its password: that pair is the shared secret, and a node without it cannot even complete the handshake.
/// </summary>
public sealed record TlsSettings(bool Enabled, string CertificatePath, string CertificatePassword, IReadOnlyList<string> TrustedThumbprints)
{
    public static TlsSettings From(Config tls) => new(
        tls.GetBoolean("enabled"),
        tls.GetString("certificate-path", ""),
        tls.GetString("certificate-password", ""),
        [.. tls.GetStringList("trusted-thumbprints")]);

    public X509Certificate2 LoadCertificate() =>
        X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword, X509KeyStorageFlags.Exportable);

    /// <summary>The node's own certificate when none are listed: one shared certificate for the whole cluster.</summary>
    public IReadOnlyList<string> ThumbprintsFor(X509Certificate2 own) => TrustedThumbprints.Count > 0 ? TrustedThumbprints : [own.Thumbprint];
}
