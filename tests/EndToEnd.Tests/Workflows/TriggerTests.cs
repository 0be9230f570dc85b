namespace EndToEnd.Tests.Workflows;

/// <summary>Whether an event starts a workflow, from its on: section, as GitHub decides it.</summary>
public sealed class TriggerTests
{
    private const string Publish = """
        on:
          push:
            branches:
              - main
            tags:
              - v*
        """;

    private const string PullRequests = """
        on:
          pull_request:
            branches: [main, 'release/**']
        """;

    private static object? On(string yaml) => ((OrderedMap)YamlTree.Parse(yaml)!)["on"];

    [Theory]
    [InlineData("a push to main", Publish, "push", "refs/heads/main", true)]
    [InlineData("a release tag", Publish, "push", "refs/tags/v1.2.0", true)]
    [InlineData("a tag that matches no tag pattern", Publish, "push", "refs/tags/release-5", false)]
    [InlineData("another branch", Publish, "push", "refs/heads/feature/cart", false)]
    [InlineData("a pull request on a workflow without pull_request", Publish, "pull_request", "refs/pull/7/merge", false)]
    [InlineData("a branch push where only tags are filtered", "on:\n  push:\n    tags: [v*]", "push", "refs/heads/main", false)]
    [InlineData("a tag push where only branches are filtered", "on:\n  push:\n    branches: [main]", "push", "refs/tags/v1.0.0", false)]
    [InlineData("any push without filters", "on: push", "push", "refs/tags/anything", true)]
    [InlineData("an event in a list", "on: [push, pull_request]", "pull_request", "refs/pull/7/merge", true)]
    [InlineData("* does not cross a slash", "on:\n  push:\n    branches: ['feature/*']", "push", "refs/heads/feature/a/b", false)]
    [InlineData("** crosses slashes", "on:\n  push:\n    branches: ['feature/**']", "push", "refs/heads/feature/a/b", true)]
    [InlineData("a later !pattern excludes", "on:\n  push:\n    branches: ['release/**', '!release/**-alpha']", "push", "refs/heads/release/1.0-alpha", false)]
    [InlineData("branches-ignore", "on:\n  push:\n    branches-ignore: ['dependabot/**']", "push", "refs/heads/dependabot/nuget/x", false)]
    [InlineData("? makes the character before it optional", "on:\n  push:\n    tags: ['v1.0?']", "push", "refs/tags/v1.", true)]
    [InlineData("[0-9] is a set", "on:\n  push:\n    tags: ['v[0-9].*']", "push", "refs/tags/va.1", false)]
    public void APushOrAnEventStartsTheWorkflowOnlyWhereItsFiltersSay(string rule, string yaml, string eventName, string reference, bool expected)
    {
        var decision = WorkflowTriggers.Decide(On(yaml), eventName, reference);
        Assert.True(expected == decision.Triggers, $"{rule}: {decision.Reason}");
    }

    [Theory]
    [InlineData("a pull request into main", "main", "synchronize", true)]
    [InlineData("a pull request into a release branch", "release/1.0", "opened", true)]
    [InlineData("a pull request into another branch", "develop", "opened", false)]
    [InlineData("a closed pull request (not among the default types)", "main", "closed", false)]
    public void APullRequestFiltersOnItsBaseBranchAndType(string rule, string baseBranch, string action, bool expected)
    {
        var decision = WorkflowTriggers.Decide(On(PullRequests), "pull_request", "refs/pull/7/merge", baseBranch, action);
        Assert.True(expected == decision.Triggers, $"{rule}: {decision.Reason}");
    }

    [Fact]
    public void APathFilterIsRefusedRatherThanIgnored()
    {
        var error = Assert.Throws<WorkflowException>(() => WorkflowTriggers.Decide(On("on:\n  push:\n    paths: ['src/**']"), "push", "refs/heads/main"));
        Assert.Contains("'paths' is not run by the workflow harness", error.Message);
    }

    [Fact]
    public void TheGeneratedWorkflowsStartOnTheirEvents()
    {
        string Decide(string file, string eventName, string reference) =>
            WorkflowTriggers.Decide(Workflow.Load(Path.Combine(ThrowawayRepository.SourceRoot, ".github/workflows", file)).On, eventName, reference, "main", "synchronize").Triggers ? "runs" : "-";

        Assert.Equal(["-", "runs", "runs", "-"],
            new[] { Decide("publish.yml", "pull_request", "refs/pull/7/merge"), Decide("publish.yml", "push", "refs/tags/v1.2.0"), Decide("publish.yml", "push", "refs/heads/main"), Decide("publish.yml", "push", "refs/heads/feature/x") });
        Assert.Equal(["runs", "-"], new[] { Decide("ci.yml", "pull_request", "refs/pull/7/merge"), Decide("ci.yml", "push", "refs/heads/main") });
        Assert.Equal(["runs", "runs", "-"], new[] { Decide("engine.yml", "pull_request", "refs/pull/7/merge"), Decide("engine.yml", "push", "refs/heads/main"), Decide("engine.yml", "push", "refs/tags/v1.2.0") });
    }
}
