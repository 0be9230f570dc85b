using Keel.Containers;

namespace Keel.Containers.Tests;

/// <summary>Which registries a GitHub token goes to, and which registries are on this machine.</summary>
public class RegistryRulesTests
{
    [Theory]
    [InlineData("ghcr.io", true)]
    [InlineData("GHCR.IO", true)]
    [InlineData("ghcr.io:443", true)]
    [InlineData("containers.ghcr.io", true)]
    [InlineData("ghcr.io.example.com", false)]
    [InlineData("notghcr.io", false)]
    [InlineData("docker.io", false)]
    [InlineData("127.0.0.1:5999", false)]
    [InlineData("localhost:5000", false)]
    public void OnlyGhcrIoTakesAGitHubToken(string registry, bool takesToken) =>
        Assert.Equal(takesToken, RegistryCredentials.TakesGitHubToken(registry));

    [Theory]
    [InlineData("localhost:5000", true)]
    [InlineData("127.0.0.1:36765", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("ghcr.io", false)]
    [InlineData("registry.invalid:5000", false)]
    [InlineData("10.0.0.5:5000", false)]
    public void LoopbackRegistriesAreOnThisMachine(string registry, bool onThisMachine) =>
        Assert.Equal(onThisMachine, RegistryCredentials.IsOnThisMachine(registry));
}
