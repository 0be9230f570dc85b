namespace EndToEnd.Tests.Workflows;

/// <summary>
/// This repository's generated publish.yml, run by the workflow harness as GitHub would run it, in a throwaway copy
/// of the repository, in this order: the tag push of v1.2.0; "Re-run all jobs" of that push; the tag push of another
/// commit tagged v1.2.0 (a rewritten history, in a repository of its own) to the same registry; a push of a later
/// commit to main; a pull request. Every job is a fresh checkout made as actions/checkout makes it, with the runner's
/// variables for the event; uses: steps run through their local equivalents (see LocalActions).
/// One thing differs from GitHub, because ghcr.io cannot be reached here: the workflow's REGISTRY env names a registry
/// on this machine with TLS and a password (SecureRegistry) instead of ghcr.io, and the password is the runner's
/// REGISTRY_PASSWORD, as in the other end-to-end tests (on GitHub, ghcr.io takes the workflow's GITHUB_TOKEN).
/// What reached the registry is read back through its HTTP API after each run.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PublishWorkflowTests : IClassFixture<PublishWorkflowTests.Releases>
{
    private const string Image = "acme-corp/store";
    private static readonly string[] Platforms = ["linux/amd64", "linux/arm64"];

    /// <summary>One run of the workflow: the run, what the registry held after it (tag to manifest digest), the commit it built.</summary>
    public sealed record Step(WorkflowRun Run, IReadOnlyDictionary<string, string> Registry, string Commit);

    public sealed class Releases : IDisposable
    {
        public Releases()
        {
            Registry = new SecureRegistry();
            Origin = new ThrowawayRepository().WithBranches("feature/cart");
            Origin.Git("tag", "v1.2.0");
            Workflow = Workflow.Load(Path.Combine(ThrowawayRepository.SourceRoot, ".github/workflows/publish.yml")).WithEnv("REGISTRY", Registry.Address);

            var tagged = Origin.HeadCommit;
            TagPush = Run(GitHubRun.Push("refs/tags/v1.2.0", tagged), tagged, attempt: 1);
            Rerun = Run(GitHubRun.Push("refs/tags/v1.2.0", tagged), tagged, attempt: 2);

            // Another commit tagged v1.2.0 (a rewritten history) in a repository of its own, pushed to the same registry.
            Rewritten = new ThrowawayRepository();
            File.AppendAllText(Path.Combine(Rewritten.Path, "README.md"), "\nRewritten.\n");
            Rewritten.Git("commit", "-q", "-am", "Rewritten");
            Rewritten.Git("tag", "v1.2.0");
            Conflict = Run(GitHubRun.Push("refs/tags/v1.2.0", Rewritten.HeadCommit), Rewritten.HeadCommit, attempt: 1, Rewritten);

            Origin.Git("commit", "-q", "--allow-empty", "-m", "After the release");
            MainPush = Run(GitHubRun.Push("refs/heads/main", Origin.HeadCommit), Origin.HeadCommit, attempt: 1);
            var pullRequest = PullRequestOrigin.Open(Origin, 9, "fix/cart");
            PullRequest = Run(pullRequest, Origin.Git("rev-parse", "refs/pull/9/merge"), attempt: 1);
        }

        public SecureRegistry Registry { get; }
        public ThrowawayRepository Origin { get; }
        public Workflow Workflow { get; }
        public Step TagPush { get; }
        public Step Rerun { get; }
        public ThrowawayRepository Rewritten { get; }
        public Step Conflict { get; }
        public Step MainPush { get; }
        public Step PullRequest { get; }

        private Step Run(GitHubRun gitHubEvent, string commit, int attempt, ThrowawayRepository? origin = null)
        {
            using (gitHubEvent)
            {
                // On GitHub each job has a machine and a Docker engine of its own; here the two platforms' jobs run at
                // once on this machine's engine, as on a shared self-hosted runner. Both tag their builds with the
                // version's tags (1.2.0, sha-...), each over the other's: each job smoke-tests and pushes the image it
                // built by its id, which the merge's check of each platform's image (its config's platform) confirms.
                var run = WorkflowRunner.Run(Workflow, new WorkflowRunSettings(origin ?? Origin, gitHubEvent) { RunAttempt = attempt });
                return new Step(run, Registry.Client.Tags(Image).ToDictionary(tag => tag, tag => Registry.Client.Manifest(Image, tag).Digest), commit);
            }
        }

        public void Dispose()
        {
            foreach (var step in new[] { TagPush, Rerun, Conflict, MainPush, PullRequest })
                step.Run.Dispose();
            Rewritten.Dispose();
            Origin.Dispose();
            Registry.Dispose();
        }
    }

    private readonly Releases _releases;

    public PublishWorkflowTests(Releases releases) => _releases = releases;

    private static string Sha(string commit) => $"sha-{commit[..7]}";

    private static string Own(string tag, string platform) => $"{tag}-{platform.Replace('/', '-')}";

    /// <summary>The job that publishes the index: the one whose outputs name its tags.</summary>
    private static JobRun Publishing(WorkflowRun run) => run.Jobs.Single(j => j.Outputs.ContainsKey("tags"));

    /// <summary>The job that builds and pushes one platform's image.</summary>
    private static JobRun PlatformJob(WorkflowRun run, string platform) => run.Job($"image-{platform.Replace('/', '-')}");

    private static void Succeeded(Step step) => Assert.True(step.Run.Conclusion == "success", step.Run.Log);

    [Fact]
    public void ATagPushPublishesExactlyTheVersionsTagsAtOneIndexOfEachPlatformsPushedImage()
    {
        var step = _releases.TagPush;
        Succeeded(step);

        string[] shared = ["1", "1.2", "1.2.0", "latest", Sha(step.Commit)];
        string[] own = [.. Platforms.SelectMany(p => new[] { Own("1.2.0", p), Own(Sha(step.Commit), p) })];
        Assert.Equal(shared.Concat(own).Order(), step.Registry.Keys.Order());

        var job = Publishing(step.Run);
        var digest = Assert.Single(shared.Select(tag => step.Registry[tag]).Distinct());
        Assert.Equal((digest, $"{_releases.Registry.Address}/{Image}"), (job.Outputs["digest"], job.Outputs["image"]));
        var (index, mediaType, _) = _releases.Registry.Client.Manifest(Image, digest);
        Assert.Equal("application/vnd.oci.image.index.v1+json", mediaType);
        var entries = index.GetProperty("manifests").EnumerateArray().ToDictionary(
            m => $"{m.GetProperty("platform").GetProperty("os").GetString()}/{m.GetProperty("platform").GetProperty("architecture").GetString()}",
            m => m.GetProperty("digest").GetString()!);
        Assert.Equal(Platforms, entries.Keys.Order());
        foreach (var platform in Platforms)
        {
            // Each entry is the image pushed under that platform's own tags, and its config is that platform's.
            Assert.Equal(step.Registry[Own("1.2.0", platform)], entries[platform]);
            Assert.Equal(step.Registry[Own(Sha(step.Commit), platform)], entries[platform]);
            Assert.Equal(platform, _releases.Registry.Client.Platform(Image, entries[platform]));
        }

        // Each platform's job reported the digest it pushed (platform-digests, platform=digest): exactly the index's entries.
        var pushed = Platforms.ToDictionary(p => p, p => Assert.Single(PlatformJob(step.Run, p).Outputs["platform-digests"].Split(',')).Split('=', 2) switch
        {
            [var platform, var pushedDigest] when platform == p => pushedDigest,
            var other => throw new InvalidOperationException($"{p}'s job reported {string.Join('=', other)}"),
        });
        Assert.Equal(entries.OrderBy(e => e.Key), pushed.OrderBy(e => e.Key));
    }

    [Fact]
    public void EachPlatformIsPushedByAJobOnItsOwnRunnerAndTheArmJobRunsUnderEmulationHere()
    {
        var step = _releases.TagPush;
        Succeeded(step);

        var (amd64, arm64) = (PlatformJob(step.Run, "linux/amd64"), PlatformJob(step.Run, "linux/arm64"));
        Assert.Equal(("ubuntu-latest", "ubuntu-24.04-arm"), (amd64.RunsOn, arm64.RunsOn));
        Assert.Contains("runs-on ubuntu-24.04-arm: GitHub runs this job on a native arm64 runner; here it runs on this linux/amd64 machine, its arm64 programs under emulation", arm64.Log);
        var merge = Publishing(step.Run);
        Assert.True(merge.Started >= new[] { amd64.Finished, arm64.Finished }.Max(), "the merge started before both platforms had pushed");
    }

    [Fact]
    public void TheIndexDigestIsAttestedUnderTheImagesName()
    {
        var step = _releases.TagPush;
        Succeeded(step);

        var subject = Assert.Single(step.Run.Attestations);
        Assert.Equal(($"{_releases.Registry.Address}/{Image}", step.Registry["1.2.0"]), (subject.Name, subject.Digest));
    }

    [Fact]
    public void TheRunShowsItsTestResultsAndDigestAndPrintsNoSecret()
    {
        var step = _releases.TagPush;
        Succeeded(step);

        Assert.Contains(step.Run.Artifacts.Names, name => name.StartsWith("test", StringComparison.Ordinal) && step.Run.Artifacts.Files(name).Any(f => f.EndsWith(".trx", StringComparison.Ordinal)));
        var merge = Publishing(step.Run);
        Assert.Contains(step.Registry["1.2.0"], merge.Summary);
        // The build put each target it ran in a group of the runner's log.
        Assert.Contains($"::group::{merge.Step("build").Name.Split(' ')[^1]}", merge.Log);
        Assert.DoesNotContain(SecureRegistry.Password, step.Run.Log);
        Assert.All(step.Run.Jobs.SelectMany(j => j.Steps), s => Assert.True(s.LinesWithSecrets == 0, $"{s.Name} printed a secret:\n{s.Log}"));
    }

    [Fact]
    public async Task WhatATagPushPublishesIsAReleaseBuildOfTheVersion()
    {
        var step = _releases.TagPush;
        Succeeded(step);

        var reference = $"{_releases.Registry.Address}/{Image}:1.2.0";
        Shell.Run("docker", ["image", "rm", "--force", reference]);
        _releases.Registry.Pull(reference, "linux/amd64");
        var version = await RunningImage.GetJsonAsync(reference, "/version");
        Assert.Equal(("1.2.0", "Release"), (version.GetProperty("version").GetString(), version.GetProperty("configuration").GetString()));
    }

    [Fact]
    public void ARerunOfTheTagPushConvergesOnTheSameDigestAndPushesNothingNew()
    {
        var step = _releases.Rerun;
        Succeeded(step);

        Assert.Equal(_releases.TagPush.Registry, step.Registry);
        Assert.Contains("is already this commit's image", step.Run.Log);
        Assert.DoesNotContain("> docker push", step.Run.Log);
        Assert.Equal(_releases.TagPush.Registry["1.2.0"], Publishing(step.Run).Outputs["digest"]);
        Assert.Equal(_releases.TagPush.Registry["1.2.0"], Assert.Single(step.Run.Attestations).Digest);
    }

    [Fact]
    public void AnotherCommitTaggedWithTheSameVersionStopsThePublishBeforeAnythingIsWritten()
    {
        var step = _releases.Conflict;

        Assert.Equal("failure", step.Run.Conclusion);
        Assert.Contains($"already exists for commit {_releases.TagPush.Commit[..12]}, and this build is commit {step.Commit[..12]}", step.Run.Log);
        Assert.Contains("nothing was pushed", step.Run.Log);
        // Each platform's job looked at the version's tags before anything was compiled or built.
        Assert.DoesNotContain("> docker build", step.Run.Log);
        Assert.DoesNotContain("> dotnet build", step.Run.Log);
        Assert.DoesNotContain("   at ", step.Run.Log);
        Assert.Empty(step.Run.Attestations);
        Assert.Equal(_releases.TagPush.Registry, step.Registry);
    }

    [Fact]
    public void APushToMainPublishesMainsTagsAndMovesNoReleaseTag()
    {
        var step = _releases.MainPush;
        Succeeded(step);

        var added = step.Registry.Keys.Except(_releases.Conflict.Registry.Keys).Order();
        string[] shared = ["1.2.1-1", "main", Sha(step.Commit)];
        Assert.Equal(shared.Concat(Platforms.SelectMany(p => new[] { Own("1.2.1-1", p), Own(Sha(step.Commit), p) })).Order(), added);
        Assert.Single(shared.Select(tag => step.Registry[tag]).Distinct());
        Assert.NotEqual(_releases.TagPush.Registry["1.2.0"], step.Registry["main"]);
        Assert.All(_releases.Conflict.Registry, tag => Assert.Equal(tag.Value, step.Registry[tag.Key]));
    }

    [Fact]
    public void APullRequestDoesNotStartThePublishWorkflowAndTheRegistryIsUnchanged()
    {
        var step = _releases.PullRequest;

        Assert.False(step.Run.Triggered);
        Assert.Empty(step.Run.Jobs);
        Assert.Equal("on: has no pull_request (it has push)", step.Run.TriggerReason);
        Assert.Equal(_releases.MainPush.Registry, step.Registry);
    }
}
