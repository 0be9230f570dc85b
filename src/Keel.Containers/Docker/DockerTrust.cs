using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Keel.Containers;

/// <summary>
/// Which registry certificates the Docker engine accepts, so that the build's own registry calls trust exactly what
/// docker push trusted: the system's CAs; every <c>*.crt</c> in <c>certs.d/HOST:PORT</c> as a CA; any certificate of
/// a registry on this machine (the engine treats 127.0.0.0/8 and localhost as insecure registries); and the client
/// certificates (<c>*.cert</c> with their <c>*.key</c>) in that folder.
/// </summary>
internal sealed class DockerTrust(string registry, string certificatesDirectory = DockerTrust.CertificatesDirectory)
{
    public const string CertificatesDirectory = "/etc/docker/certs.d";

    private string Folder => Path.Combine(certificatesDirectory, registry);

    /// <summary>True when the engine accepts this server certificate for the registry.</summary>
    public bool Accepts(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (RegistryCredentials.IsOnThisMachine(registry))
            return true;
        return errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && SignedByAFolderCa(certificate);
    }

    /// <summary>The client certificates the engine presents to this registry.</summary>
    public IReadOnlyList<X509Certificate2> ClientCertificates()
    {
        if (!Directory.Exists(Folder))
            return [];
        return [.. Directory.EnumerateFiles(Folder, "*.cert")
            .Select(cert => (Cert: cert, Key: Path.ChangeExtension(cert, ".key")))
            .Where(pair => File.Exists(pair.Key))
            .Select(pair => X509Certificate2.CreateFromPemFile(pair.Cert, pair.Key))];
    }

    private bool SignedByAFolderCa(X509Certificate2 certificate)
    {
        if (!Directory.Exists(Folder))
            return false;
        var authorities = Directory.EnumerateFiles(Folder, "*.crt").ToList();
        if (authorities.Count == 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var authority in authorities)
            chain.ChainPolicy.CustomTrustStore.ImportFromPemFile(authority);
        return chain.Build(certificate);
    }
}
