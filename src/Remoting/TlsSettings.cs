using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;

namespace Ragex.Remoting;

/// <summary>
/// <c>ragex.cluster.tls</c>: Akka.Remote's TLS with mutual authentication, and a peer accepted only if its certificate's
/// thumbprint is trusted. By default the one trusted certificate is the node's own, so a cluster shares one certificate
/// and its password: that pair is the shared secret, and a node without it cannot even complete the handshake.
/// Clients of a node present the same certificate (<see cref="FromUserConfig"/>). Node and client each turn these into
/// Akka.Remote's DotNettySslSetup.
/// </summary>
public sealed record TlsSettings(bool Enabled, string CertificatePath, string CertificatePassword, IReadOnlyList<string> TrustedThumbprints)
{
    public static TlsSettings From(Config tls) => new(
        tls.GetBoolean("enabled"),
        tls.GetString("certificate-path", ""),
        tls.GetString("certificate-password", ""),
        [.. tls.GetStringList("trusted-thumbprints")]);

    /// <summary>
    /// What a client on a node's machine presents to it: the settings of the <c>$RAGEX_HOME/ragex.hocon</c> the node read
    /// (the only place they can be set; the defaults have TLS off).
    /// </summary>
    public static TlsSettings FromUserConfig(string path)
    {
        var config = File.Exists(path) ? ConfigurationFactory.ParseString(File.ReadAllText(path)).GetConfig("ragex.cluster.tls") : null;
        return config is null ? new TlsSettings(false, "", "", []) : From(config);
    }

    /// <summary>The certificate with its private key; a missing file or wrong password names the setting.</summary>
    public X509Certificate2 LoadCertificate()
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword, X509KeyStorageFlags.Exportable);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new CryptographicException($"ragex.cluster.tls.certificate-path \"{CertificatePath}\": {e.Message}", e);
        }
    }

    /// <summary>The node's own certificate when none are listed: one shared certificate for the whole cluster.</summary>
    public IReadOnlyList<string> ThumbprintsFor(X509Certificate2 own) => TrustedThumbprints.Count > 0 ? TrustedThumbprints : [own.Thumbprint];
}
