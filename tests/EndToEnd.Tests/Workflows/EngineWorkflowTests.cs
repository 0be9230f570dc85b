namespace EndToEnd.Tests.Workflows;

/// <summary>
/// This repository's generated engine.yml, run by the workflow harness for a pull request into main. Its job runs
/// ./build.sh TestEngine Pack; TestEngine runs the engine test projects the solution lists, and the throwaway copy
/// here keeps only Keel.Components.Tests (with what it compiles from): running the whole engine suite again would
/// cost CI minutes, and the suite runs in CI's own TestEngine. What a contributor sees is checked: a passing check, a
/// results artifact with a trx for each test project run, and the packages artifact with the four packages.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EngineWorkflowTests(EngineWorkflowTests.PullRequest pullRequest) : IClassFixture<EngineWorkflowTests.PullRequest>
{
    public sealed class PullRequest() : PullRequestRun(
        ThrowawayRepository.WithEngineTests("tests/Keel.Components.Tests", "tests/Keel.TestProgram", "tests/Keel.Tests/Support"), "engine.yml", 8, "engine/fix");

    [Fact]
    public void APullRequestRunsTheListedEngineTestsAndUploadsTheirResultsAndThePackages()
    {
        var run = pullRequest.Run;
        Assert.True(run.Conclusion == "success", run.Log);

        Assert.Equal(["Keel.Components.Tests.trx"], run.Artifacts.Files("test-engine-nuke-temp-test-results"));
        var (passed, failed) = pullRequest.Counts("test-engine-nuke-temp-test-results", "Keel.Components.Tests.trx");
        Assert.True((passed > 0, failed) == (true, 0), $"{passed} passed, {failed} failed");

        var packages = run.Artifacts.Files("pack-artifacts-packages");
        Assert.Equal(["Keel", "Keel.Components", "Keel.Containers", "Keel.GlobalTool"],
            packages.Where(p => p.EndsWith(".nupkg", StringComparison.Ordinal)).Select(p => System.Text.RegularExpressions.Regex.Match(p, @"^(.+?)\.\d").Groups[1].Value).Order());
    }
}
