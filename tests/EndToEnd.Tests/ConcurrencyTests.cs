namespace EndToEnd.Tests;

/// <summary>
/// Two clones at different commits push to one repository at the same moment, sharing one Docker engine: each
/// commit's tags name that commit's image, and the branch's tag names one of the two, never a mix.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ConcurrencyTests : IDisposable
{
    private readonly SecureRegistry _registry = new();
    private readonly ThrowawayRepository _first = new();
    private readonly ThrowawayRepository _second = new();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        _registry.Dispose();
    }

    [Fact]
    public async Task TwoClonesPushingAtOnceKeepTheirOwnImages()
    {
        _first.Git("commit", "-q", "--allow-empty", "-m", "First clone's change");
        _second.Git("commit", "-q", "--allow-empty", "-m", "Second clone's change");
        _second.Git("commit", "-q", "--allow-empty", "-m", "Second clone's other change");
        BuildRun Push(ThrowawayRepository clone) => BuildRun.Start(clone, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = SecureRegistry.Password },
            "PushImage", "--skip", "Test", "--registry", _registry.Address, "--owner", "acme", "--registry-username", SecureRegistry.Username);

        var runs = await Task.WhenAll(Task.Run(() => Push(_first)), Task.Run(() => Push(_second)));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
        var digests = new List<string>();
        foreach (var clone in new[] { _first, _second })
        {
            var sha = $"sha-{clone.HeadCommit[..7]}";
            var digest = _registry.Client.Digest("acme/store", sha);
            digests.Add(digest);
            Assert.Equal(clone.HeadCommit, _registry.Client.Labels("acme/store", digest)["org.opencontainers.image.revision"]);
            // The version's tag names the same image as the commit's.
            var version = System.Text.RegularExpressions.Regex.Match(runs[clone == _first ? 0 : 1].Output, @"GitVersion: (\S+)").Groups[1].Value;
            Assert.Equal(digest, _registry.Client.Digest("acme/store", version));
        }

        Assert.NotEqual(digests[0], digests[1]);
        Assert.Contains(_registry.Client.Digest("acme/store", "main"), digests);
    }
}
