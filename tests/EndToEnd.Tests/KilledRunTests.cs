namespace EndToEnd.Tests;

/// <summary>
/// What a run killed outright (kill -9, a closed terminal) left on the Docker engine, the next run removes. Every run
/// sweeps what dead runs left on the engine it shares, so this runs alone: another test's run would otherwise sweep the
/// container first, and the test could not tell which run removed it.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(nameof(EngineWideState))]
public sealed class KilledRunTests : IDisposable
{
    private readonly SecureRegistry _registry = new();
    private readonly ThrowawayRepository _repository = new ThrowawayRepository().WithBranches("feature/cart");

    public void Dispose()
    {
        _repository.Dispose();
        _registry.Dispose();
    }

    private static IReadOnlyList<string> Containers(string reference) =>
        Shell.Check("docker", "ps", "--all", "--quiet", "--filter", $"ancestor={reference}").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void TheContainerOfARunKilledOutrightIsRemovedByTheNextRun()
    {
        var arguments = new[] { "SmokeTest", "--skip", "Test", "--registry", _registry.Address, "--owner", "Acme-Corp", "--image-name", "killed" };
        var reference = $"{_registry.Address}/acme-corp/killed:sha-{_repository.HeadCommit[..7]}";
        bool Running() => Shell.Check("docker", "ps", "--quiet", "--filter", $"ancestor={reference}", "--filter", "status=running").Length > 0;

        try
        {
            // The kill comes as soon as the smoke test's container runs. Where the app answered within that moment, the run
            // had already handed the container's removal to docker, which finishes it after the kill: nothing is left for
            // the next run, and the kill is tried again. What is still there after a few seconds is what the run left.
            var (killed, left) = (default(BuildRun)!, (IReadOnlyList<string>)[]);
            for (var attempt = 1; attempt <= 3 && left.Count == 0; attempt++)
            {
                killed = BuildRun.StartAndKill(_repository, new Dictionary<string, string>(), "> docker run", Running, arguments);
                Assert.True(killed.ExitCode == 137, killed.Output);
                Thread.Sleep(TimeSpan.FromSeconds(3));
                left = Containers(reference);
            }

            Assert.True(left.Count == 1, $"the killed run left {left.Count} containers:\n{killed.Output}");

            var next = BuildRun.Start(_repository, new Dictionary<string, string>(), arguments);

            Assert.True(next.ExitCode == 0, next.Output);
            Assert.Matches(@"Removing what interrupted runs left: container keel-smoke-[0-9a-f]+\.", next.Output);
            Assert.Empty(Containers(reference));
        }
        finally
        {
            // The engine is shared: whatever the outcome, this test's containers go.
            if (Containers(reference) is { Count: > 0 } stray)
                Shell.Run("docker", ["rm", "--force", .. stray]);
        }
    }
}

/// <summary>Tests that assert on what the shared Docker engine holds as a whole: they run alone, after the others.</summary>
[CollectionDefinition(nameof(EngineWideState), DisableParallelization = true)]
public sealed class EngineWideState;
