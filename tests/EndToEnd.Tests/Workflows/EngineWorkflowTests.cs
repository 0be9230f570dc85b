using System.Xml.Linq;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// This repository's generated engine.yml, run by the workflow harness for a pull request into main. Its job runs
/// ./build.sh TestEngine Pack; TestEngine runs the engine test projects the solution lists, and the throwaway copy
/// here keeps only Keel.Components.Tests (with what it compiles from): running the whole engine suite again would
/// cost CI minutes, and the suite runs in CI's own TestEngine. What a contributor sees is checked: a passing check, a
/// results artifact with a trx for each test project run, and the packages artifact with the four packages.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EngineWorkflowTests : IClassFixture<EngineWorkflowTests.PullRequest>
{
    public sealed class PullRequest : IDisposable
    {
        public PullRequest()
        {
            Origin = ThrowawayRepository.WithEngineTests("tests/Keel.Components.Tests", "tests/Keel.TestProgram", "tests/Keel.Tests/Support");
            using var pullRequest = PullRequestOrigin.Open(Origin, 8, "engine/fix");
            var started = DateTime.UtcNow;
            Run = WorkflowRunner.Run(Workflow.Load(Path.Combine(ThrowawayRepository.SourceRoot, ".github/workflows/engine.yml")), new WorkflowRunSettings(Origin, pullRequest));
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

    public EngineWorkflowTests(PullRequest pullRequest) => _pullRequest = pullRequest;

    [Fact]
    public void APullRequestRunsTheListedEngineTestsAndUploadsTheirResultsAndThePackages()
    {
        var run = _pullRequest.Run;
        Assert.True(run.Conclusion == "success", run.Log);

        Assert.Equal(["Keel.Components.Tests.trx"], run.Artifacts.Files("test-engine-nuke-temp-test-results"));
        var results = XDocument.Load(Path.Combine(run.Artifacts.Folder("test-engine-nuke-temp-test-results"), "Keel.Components.Tests.trx"));
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var counters = results.Descendants(ns + "Counters").Single();
        Assert.True(int.Parse(counters.Attribute("passed")!.Value) > 0, counters.ToString());
        Assert.Equal("0", counters.Attribute("failed")!.Value);

        var packages = run.Artifacts.Files("pack-artifacts-packages");
        Assert.Equal(["Keel", "Keel.Components", "Keel.Containers", "Keel.GlobalTool"],
            packages.Where(p => p.EndsWith(".nupkg", StringComparison.Ordinal)).Select(p => System.Text.RegularExpressions.Regex.Match(p, @"^(.+?)\.\d").Groups[1].Value).Order());
    }
}
