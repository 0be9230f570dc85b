using System.Xml.Linq;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// This repository's generated ci.yml, run by the workflow harness for a pull request into main, in a throwaway copy
/// of the app's repository (the engine's own tests left out, as in the other end-to-end tests): what a contributor
/// sees is a passing check and the test results artifact with the app's trx.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CiWorkflowTests : IClassFixture<CiWorkflowTests.PullRequest>
{
    public sealed class PullRequest : IDisposable
    {
        public PullRequest()
        {
            Origin = new ThrowawayRepository();
            using var pullRequest = PullRequestOrigin.Open(Origin, 7, "fix/typo");
            var started = DateTime.UtcNow;
            Run = WorkflowRunner.Run(Workflow.Load(Path.Combine(ThrowawayRepository.SourceRoot, ".github/workflows/ci.yml")), new WorkflowRunSettings(Origin, pullRequest));
            Took = DateTime.UtcNow - started;
            File.WriteAllText($"/tmp/harness-run-{GetType().DeclaringType!.Name}.log", Run.Log + $"\nTook {Took}");
        }

        public ThrowawayRepository Origin { get; }
        public WorkflowRun Run { get; }
        public TimeSpan Took { get; }

        public void Dispose()
        {
            Run.Dispose();
            Origin.Dispose();
        }
    }

    private readonly PullRequest _pullRequest;

    public CiWorkflowTests(PullRequest pullRequest) => _pullRequest = pullRequest;

    [Fact]
    public void APullRequestIsCheckedAndItsTestResultsAreAnArtifactWithTheAppsTrx()
    {
        var run = _pullRequest.Run;
        Assert.True(run.Conclusion == "success", run.Log);
        var job = run.Job("ubuntu-latest");
        Assert.Equal(["success", "success", "success", "success", "success"], job.Steps.Select(s => s.Conclusion));
        Assert.Contains("Test", job.Summary);

        var trx = Assert.Single(run.Artifacts.Files("test-nuke-temp-test-results"));
        Assert.EndsWith(".trx", trx);
        var results = XDocument.Load(Path.Combine(run.Artifacts.Folder("test-nuke-temp-test-results"), trx));
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var counters = results.Descendants(ns + "Counters").Single();
        Assert.True(int.Parse(counters.Attribute("passed")!.Value) > 0, counters.ToString());
        Assert.Equal("0", counters.Attribute("failed")!.Value);
        Assert.All(results.Descendants(ns + "UnitTest"), test => Assert.Contains("Store.Tests", test.Element(ns + "TestMethod")!.Attribute("codeBase")!.Value));
    }
}
