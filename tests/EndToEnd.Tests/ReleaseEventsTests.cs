namespace EndToEnd.Tests;

/// <summary>
/// One repository's releases and pull requests, run as GitHub runs them (checkouts as actions/checkout makes them,
/// the runner's variables, event payload files) against a registry with TLS and a password, in this order:
/// the tag push of v1.2.0 on main; the tag push of v1.0.5, a maintenance release on release/1.0; a push of the branch
/// dev, made at v1.0.0; a pull_request_target run that checked out pull request #7's head; the pull_request run of
/// #7's merge commit, opted into pull-request images; then the tag pushes of v1.2.1 and v1.3.0-rc.1. What the
/// registry holds is read after each run. The runs share one workspace, as on a self-hosted runner that keeps it
/// (actions/checkout with clean: false): each is checked out there as actions/checkout checks out, and the build and
/// the app are compiled once rather than seven times.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReleaseEventsTests : IClassFixture<ReleaseEventsTests.History>
{
    private const string Path = "acme-corp/store";

    /// <summary>One run: its output, its step summary and the registry's tags (tag to digest) after it.</summary>
    public sealed record Step(BuildRun Run, string Summary, IReadOnlyDictionary<string, string> Registry, string Head);

    public sealed class History : IDisposable
    {
        public History()
        {
            Registry = new SecureRegistry();
            Origin = new ThrowawayRepository();
            var first = Origin.HeadCommit;
            Origin.Git("tag", "v1.0.0");
            Origin.Git("switch", "-q", "-c", "release/1.0");
            Origin.Git("commit", "-q", "--allow-empty", "-m", "Fix for 1.0");
            Origin.Git("tag", "v1.0.5");
            Origin.Git("switch", "-q", "main");
            Origin.Git("commit", "-q", "--allow-empty", "-m", "1.2");
            Origin.Git("tag", "v1.2.0");
            Origin.Git("branch", "dev", first);
            var main = Origin.HeadCommit;

            // Pull request #7 from a fork: GitHub keeps its head and merge commit as refs/pull/7/head and refs/pull/7/merge.
            Origin.Git("switch", "-q", "--detach", main);
            Origin.Git("commit", "-q", "--allow-empty", "-m", "Fix a typo");
            PullRequestHead = Origin.HeadCommit;
            Origin.Git("update-ref", "refs/pull/7/head", PullRequestHead);
            Origin.Git("switch", "-q", "--detach", main);
            Origin.Git("merge", "-q", "--no-ff", "-m", "Merge 7 into main", PullRequestHead);
            MergeCommit = Origin.HeadCommit;
            Origin.Git("update-ref", "refs/pull/7/merge", MergeCommit);
            Origin.Git("switch", "-q", "main");

            Workspace = ThrowawayRepository.CheckedOutLikeGitHubActions(Origin, "refs/heads/main");
            Release120 = Run(GitHubRun.Push, "refs/tags/v1.2.0");
            Maintenance = Run(GitHubRun.Push, "refs/tags/v1.0.5");
            Dev = Run(GitHubRun.Push, "refs/heads/dev");
            Target = Run((_, _) => GitHubRun.PullRequest("pull_request_target", 7, "fix/typo", PullRequestHead, main, MergeCommit), PullRequestHead);
            PullRequest = Run((_, _) => GitHubRun.PullRequest("pull_request", 7, "fix/typo", PullRequestHead, main, MergeCommit), "refs/pull/7/merge", "--pull-request-images");

            Origin.Git("commit", "-q", "--allow-empty", "-m", "1.2.1");
            Origin.Git("tag", "v1.2.1");
            Release121 = Run(GitHubRun.Push, "refs/tags/v1.2.1");
            Origin.Git("commit", "-q", "--allow-empty", "-m", "1.3 candidate");
            Origin.Git("tag", "v1.3.0-rc.1");
            Candidate = Run(GitHubRun.Push, "refs/tags/v1.3.0-rc.1");
        }

        public SecureRegistry Registry { get; }
        public ThrowawayRepository Origin { get; }
        public ThrowawayRepository Workspace { get; }
        public string PullRequestHead { get; }
        public string MergeCommit { get; }
        public Step Release120 { get; }
        public Step Maintenance { get; }
        public Step Dev { get; }
        public Step Target { get; }
        public Step PullRequest { get; }
        public Step Release121 { get; }
        public Step Candidate { get; }

        /// <summary>PushImage in a checkout of <paramref name="reference"/>, as the publish workflow's job runs it.</summary>
        private Step Run(Func<string, ThrowawayRepository, GitHubRun> job, string reference, params string[] arguments)
        {
            Workspace.CheckOutLikeGitHubActions(reference);
            using var runner = job(reference, Workspace);
            runner.Variables["REGISTRY"] = Registry.Address;
            var run = BuildRun.Start(Workspace, runner.Variables, ["PushImage", "--skip", "Test", .. arguments]);
            var tags = Registry.Client.Tags(Path).ToDictionary(tag => tag, tag => Registry.Client.Digest(Path, tag));
            return new Step(run, runner.Summary, tags, Workspace.HeadCommit);
        }

        public void Dispose()
        {
            Workspace.Dispose();
            Origin.Dispose();
            Registry.Dispose();
        }
    }

    private readonly History _history;

    public ReleaseEventsTests(History history) => _history = history;

    private static void Succeeded(Step step) => Assert.True(step.Run.ExitCode == 0, step.Run.Output);

    private static string Sha(string commit) => $"sha-{commit[..7]}";

    [Fact]
    public void AReleaseTagPushPublishesTheVersionItsAliasesAndLatest()
    {
        var step = _history.Release120;
        Succeeded(step);

        Assert.Equal(new[] { "1", "1.2", "1.2.0", "latest", Sha(step.Head) }.Order(), step.Registry.Keys.Order());
        Assert.Single(step.Registry.Values.Distinct());
    }

    [Fact]
    public void AMaintenanceReleaseLeavesLatestAndTheMajorTagOnTheLaterRelease()
    {
        var step = _history.Maintenance;
        Succeeded(step);

        var released = _history.Release120.Registry["1.2.0"];
        var maintenance = step.Registry["1.0.5"];
        Assert.NotEqual(released, maintenance);
        Assert.Equal((maintenance, maintenance), (step.Registry["1.0"], step.Registry[Sha(step.Head)]));
        Assert.Equal((released, released), (step.Registry["latest"], step.Registry["1"]));
        // Said once each, in the log and in the step summary.
        foreach (var tag in new[] { "latest", "1" })
        {
            var line = $"{tag} stays on 1.2.0: 1.0.5 is an older release, and release tags move only forward.";
            Assert.Single(step.Run.Output.Split('\n'), l => l.Contains(line));
            Assert.Contains(line, step.Summary);
        }
    }

    [Fact]
    public void ABranchPushedAtAnOldReleasesCommitPublishesItsVersionAndBranchAndMovesNoReleaseTag()
    {
        var step = _history.Dev;
        Succeeded(step);

        var image = step.Registry["dev"];
        Assert.Equal((image, image), (step.Registry["1.0.0"], step.Registry[Sha(step.Head)]));
        var before = _history.Maintenance.Registry;
        Assert.Equal(new[] { "1.0.0", "dev", Sha(step.Head) }.Order(), step.Registry.Keys.Except(before.Keys).Order());
        Assert.All(before, tag => Assert.Equal(tag.Value, step.Registry[tag.Key]));
    }

    [Fact]
    public void PullRequestTargetPublishesNothingWithoutTheOptInAndSaysSoInOneLine()
    {
        var step = _history.Target;

        Assert.Equal(1, step.Run.ExitCode);
        Assert.Equal(_history.PullRequestHead, step.Head);
        Assert.Contains($"Target PushImage: A pull_request_target run builds pull request #7's code in the base branch's context: its image is pushed only when the build opts into pull-request images, and then only as {Sha(_history.PullRequestHead)} and pr-7, never under a branch, a version or latest; pass --pull-request-images. Nothing was pushed.", step.Run.Output);
        Assert.DoesNotContain("   at ", step.Run.Output);
        Assert.DoesNotContain("> docker build", step.Run.Output);
        Assert.Equal(_history.Dev.Registry, step.Registry);
        Assert.DoesNotContain("main", step.Registry.Keys);
    }

    [Fact]
    public void APullRequestsImageNamesTheMergeCommitItBuiltAndRecordsTheHead()
    {
        var step = _history.PullRequest;
        Succeeded(step);

        Assert.Equal(_history.MergeCommit, step.Head);
        var image = step.Registry["pr-7"];
        Assert.Equal(image, step.Registry[Sha(_history.MergeCommit)]);
        Assert.Equal(new[] { "pr-7", Sha(_history.MergeCommit) }.Order(), step.Registry.Keys.Except(_history.Target.Registry.Keys).Order());
        // The head commit's own tag stays free for a build of the head itself.
        Assert.DoesNotContain(Sha(_history.PullRequestHead), step.Registry.Keys);
        var labels = _history.Registry.Client.Labels(Path, "pr-7");
        Assert.Equal(_history.MergeCommit, labels["org.opencontainers.image.revision"]);
        Assert.Equal(_history.PullRequestHead, labels["dev.keel.image.pull-request-head"]);
    }

    [Fact]
    public void AfterTheMaintenanceReleaseTheBranchAndThePullRequestsLatestOneAndOneTwoAreStillTheFirstRelease()
    {
        var released = _history.Release120.Registry["1.2.0"];
        var after = _history.PullRequest.Registry;

        Assert.Equal((released, released, released), (after["latest"], after["1"], after["1.2"]));
        Assert.DoesNotContain("main", after.Keys);
    }

    [Fact]
    public void ALaterReleaseMovesTheAliasesForwardAndAPreReleaseMovesNone()
    {
        Succeeded(_history.Release121);
        Succeeded(_history.Candidate);

        var later = _history.Release121.Registry["1.2.1"];
        Assert.NotEqual(_history.Release120.Registry["1.2.0"], later);
        Assert.Equal((later, later, later), (_history.Release121.Registry["latest"], _history.Release121.Registry["1"], _history.Release121.Registry["1.2"]));
        Assert.DoesNotContain("stays on", _history.Release121.Run.Output);

        var candidate = _history.Candidate.Registry;
        Assert.Equal(new[] { "1.3.0-rc.1", Sha(_history.Candidate.Head) }.Order(), candidate.Keys.Except(_history.Release121.Registry.Keys).Order());
        Assert.All(_history.Release121.Registry, tag => Assert.Equal(tag.Value, candidate[tag.Key]));
    }
}
