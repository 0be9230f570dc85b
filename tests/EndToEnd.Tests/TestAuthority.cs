using System.Security.Cryptography.X509Certificates;

namespace EndToEnd.Tests;

/// <summary>The test clients' trust: a certificate is good when it chains to the test registry's own CA file.</summary>
public static class TestAuthority
{
    public static bool Trusts(string caFile, X509Certificate? certificate)
    {
        if (certificate is null)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.ImportFromPemFile(caFile);
        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
