namespace EndToEnd.Tests.Workflows;

/// <summary>
/// This repository's generated ci.yml, run by the workflow harness for a pull request into main, in a throwaway copy
/// of the app's repository (the engine's own tests left out, as in the other end-to-end tests): what a contributor
/// sees is a passing check and the test results artifact with the app's trx.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CiWorkflowTests(CiWorkflowTests.PullRequest pullRequest) : IClassFixture<CiWorkflowTests.PullRequest>
{
    public sealed class PullRequest() : PullRequestRun(new ThrowawayRepository(), "ci.yml", 7, "fix/typo");

    [Fact]
    public void APullRequestIsCheckedAndItsTestResultsAreAnArtifactWithTheAppsTrx()
    {
        var run = pullRequest.Run;
        Assert.True(run.Conclusion == "success", run.Log);
        var job = run.Job("ubuntu-latest");
        Assert.Equal(["success", "success", "success", "success", "success"], job.Steps.Select(s => s.Conclusion));
        Assert.Contains("| Test", job.Summary);

        var trx = Assert.Single(run.Artifacts.Files("test-nuke-temp-test-results"));
        Assert.EndsWith(".trx", trx);
        var (passed, failed) = pullRequest.Counts("test-nuke-temp-test-results", trx);
        Assert.True((passed > 0, failed) == (true, 0), $"{passed} passed, {failed} failed");
        Assert.Equal(["Store.Tests.dll"], pullRequest.TestAssemblies("test-nuke-temp-test-results", trx));
    }
}
