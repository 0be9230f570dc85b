using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keel.Containers;
using Keel.Tests.Support;

namespace Keel.Containers.Tests;

/// <summary>The build trusts a registry's certificate exactly where the Docker engine does.</summary>
public class DockerTrustTests
{
    private static (X509Certificate2 Authority, X509Certificate2 Server) Certificates()
    {
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=Team CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var authority = authorityRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=registry.team.example", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var server = serverRequest.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        return (authority, server);
    }

    [Fact]
    public void AnyCrtInTheRegistrysCertsDFolderIsATrustedAuthority()
    {
        using var certs = new TempDirectory(nuke: false);
        var (authority, server) = Certificates();
        certs.Write("registry.team.example:5000/team-root.crt", authority.ExportCertificatePem());

        Assert.True(new DockerTrust("registry.team.example:5000", certs.Path).Accepts(server, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(new DockerTrust("other.team.example:5000", certs.Path).Accepts(server, SslPolicyErrors.RemoteCertificateChainErrors));
        // A name that does not match is not a chain problem a CA can fix.
        Assert.False(new DockerTrust("registry.team.example:5000", certs.Path).Accepts(server, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Theory]
    [InlineData("127.0.0.1:36765", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("registry.team.example:5000", false)]
    public void RegistriesOnThisMachineAreInsecureRegistriesAsTheEngineHasThem(string registry, bool accepted)
    {
        using var certs = new TempDirectory(nuke: false);
        var (_, server) = Certificates();

        Assert.Equal(accepted, new DockerTrust(registry, certs.Path).Accepts(server, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void ClientCertificatesComeFromCertAndKeyPairs()
    {
        using var certs = new TempDirectory(nuke: false);
        using var key = RSA.Create(2048);
        var client = new CertificateRequest("CN=ci-bot", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        certs.Write("registry.team.example:5000/client.cert", client.ExportCertificatePem());
        certs.Write("registry.team.example:5000/client.key", key.ExportPkcs8PrivateKeyPem());
        certs.Write("registry.team.example:5000/lonely.cert", client.ExportCertificatePem());

        var presented = new DockerTrust("registry.team.example:5000", certs.Path).ClientCertificates();

        Assert.Equal("CN=ci-bot", Assert.Single(presented).Subject);
        Assert.True(presented[0].HasPrivateKey);
    }
}
