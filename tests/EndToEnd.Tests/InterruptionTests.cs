namespace EndToEnd.Tests;

/// <summary>
/// Ctrl-C in the middle of the image job, for real: the build stops within seconds with exit code 130, and leaves
/// nothing behind: no credentials under .nuke/temp, no container. (What a run killed outright leaves: <see cref="KilledRunTests"/>.)
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class InterruptionTests : IDisposable
{
    private readonly SecureRegistry _registry = new();
    private readonly ThrowawayRepository _repository = new ThrowawayRepository().WithBranches("feature/cart");

    public void Dispose()
    {
        _repository.Dispose();
        _registry.Dispose();
    }

    private string Credentials => Path.Combine(_repository.Path, ".nuke", "temp", "docker-config");

    private static IReadOnlyList<string> Containers(string reference) =>
        Shell.Check("docker", "ps", "--all", "--quiet", "--filter", $"ancestor={reference}").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void CtrlCWhilePushingLeavesNoCredentialsBehind()
    {
        // What a run killed outright (kill -9, a closed terminal) left behind: the next run removes it.
        var abandoned = Path.Combine(Credentials, "999999-0123456789abcdef");
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, "config.json"), """{ "auths": { "ghcr.io": { "auth": "bGVmdDpiZWhpbmQ=" } } }""");

        var run = BuildRun.StartAndInterrupt(_repository, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password }, "> docker push",
            "PushImage", "--skip", "Test", "--registry", _registry.Address, "--owner", "Acme-Corp", "--registry-username", SecureRegistry.Username, "--image-name", "interrupted");

        Assert.True(run.ExitCode == 130, run.Output);
        Assert.Contains("> docker login", run.Output);
        Assert.Contains("Removing credentials an interrupted run left", run.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Credentials));
        Assert.Matches(@"(?m)^PushImage\s+Aborted", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void CtrlCDuringTheSmokeTestRemovesItsContainer()
    {
        var run = BuildRun.StartAndInterrupt(_repository, new Dictionary<string, string>(), "> docker run",
            "SmokeTest", "--skip", "Test", "--registry", _registry.Address, "--owner", "Acme-Corp", "--image-name", "smoked");

        Assert.True(run.ExitCode == 130, run.Output);
        var sha = $"sha-{_repository.HeadCommit[..7]}";
        Assert.Empty(Containers($"{_registry.Address}/acme-corp/smoked:{sha}"));
        Assert.Matches(@"(?m)^SmokeTest\s+Aborted", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }
}
