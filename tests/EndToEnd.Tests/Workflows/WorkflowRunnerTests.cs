namespace EndToEnd.Tests.Workflows;

/// <summary>
/// The harness itself, on small inline workflows run for real (bash, git, a checkout of a small repository): what it
/// runs, in which order, what flows between steps and jobs, and that a broken workflow shows as broken.
/// </summary>
public sealed class WorkflowRunnerTests : IClassFixture<WorkflowRunnerTests.Origin>
{
    public sealed class Origin : IDisposable
    {
        public Origin()
        {
            Repository = ThrowawayRepository.Empty();
            Repository.Write("README.md", "The store.\n");
            Repository.Git("add", "-A");
            Repository.Git("commit", "-q", "-m", "First");
            Repository.Git("tag", "v1.0.0");
            Repository.Write("src/app.txt", "app\n");
            Repository.Git("add", "-A");
            Repository.Git("commit", "-q", "-m", "Second");
        }

        public ThrowawayRepository Repository { get; }

        public void Dispose() => Repository.Dispose();
    }

    private readonly Origin _origin;

    public WorkflowRunnerTests(Origin origin) => _origin = origin;

    private WorkflowRun Run(string yaml, IReadOnlyDictionary<string, string>? secrets = null)
    {
        using var push = GitHubRun.Push("refs/heads/main", _origin.Repository.HeadCommit);
        return WorkflowRunner.Run(Workflow.Parse(yaml), new WorkflowRunSettings(_origin.Repository, push) { Secrets = secrets ?? new Dictionary<string, string>() });
    }

    /// <summary>Asserts that a log holds a text, and shows the whole log when it does not.</summary>
    private static void Shows(string log, string expected) => Assert.True(log.Contains(expected, StringComparison.Ordinal), $"Not found: {expected}\n--- log ---\n{log}");

    [Fact]
    public void JobsRunInNeedsOrderAndAJobOutputReachesTheJobThatNeedsIt()
    {
        using var run = Run("""
            on: push
            jobs:
              publish:
                needs: image
                runs-on: ubuntu-latest
                steps:
                  - run: echo "merging ${{ needs.image.outputs.digest }} as ${{ needs.image.result }}"
              image:
                runs-on: ubuntu-latest
                outputs:
                  digest: ${{ steps.build.outputs.digest }}
                steps:
                  - id: build
                    run: echo "digest=sha256:1111" >> "$GITHUB_OUTPUT"
            """);

        Assert.Equal("success", run.Conclusion);
        Assert.Equal(["image", "publish"], run.Log.Split('\n').Where(l => l.StartsWith("Job ") && l.EndsWith(": success")).Select(l => l.Split(' ')[1].TrimEnd(':')));
        Shows(run.Job("publish").Log, "merging sha256:1111 as success");
    }

    [Fact]
    public void AJobOutputReadUnderAWrongStepIdIsEmptyAndTheJobThatChecksItFails()
    {
        using var run = Run("""
            on: push
            jobs:
              image:
                runs-on: ubuntu-latest
                outputs:
                  digest: ${{ steps.push.outputs.digest }}
                steps:
                  - id: build
                    run: echo "digest=sha256:1111" >> "$GITHUB_OUTPUT"
              merge:
                needs: image
                runs-on: ubuntu-latest
                env:
                  DIGESTS: linux/amd64=${{ needs.image.outputs.digest }}
                steps:
                  - run: '[[ "$DIGESTS" == linux/amd64=sha256:* ]] || { echo "no digest: $DIGESTS"; exit 1; }'
            """);

        Assert.Equal("", run.Job("image").Outputs["digest"]);
        Assert.Equal("failure", run.Job("merge").Result);
        Shows(run.Job("merge").Log, "no digest: linux/amd64=");
        Assert.Equal("failure", run.Conclusion);
    }

    [Fact]
    public void AFailedStepSkipsTheStepsAfterItUnlessTheirIfSaysOtherwiseAndAFailedJobSkipsWhatNeedsIt()
    {
        using var run = Run("""
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      false
                      echo "bash -e stops at the first failing command"
                  - name: next
                    run: echo next
                  - name: upload
                    if: always()
                    run: echo "uploading after ${{ job.status }}"
                  - name: report
                    if: failure()
                    run: echo reporting
                  - name: guarded
                    if: success() || github.event_name == 'push'
                    run: echo guarded
                  - name: allowed to fail
                    if: always()
                    continue-on-error: true
                    run: exit 3
              publish:
                needs: build
                runs-on: ubuntu-latest
                steps:
                  - run: echo publish
              notify:
                needs: publish
                if: always()
                runs-on: ubuntu-latest
                steps:
                  - run: echo "publish was ${{ needs.publish.result }}"
            """);

        var build = run.Job("build");
        Assert.Equal(["failure", "skipped", "success", "success", "success", "success"], build.Steps.Select(s => s.Conclusion));
        Assert.Equal("failure", build.Step("allowed to fail").Outcome);
        Assert.DoesNotContain("bash -e stops", build.Log);
        Shows(build.Log, "uploading after failure");
        Assert.Equal(("failure", "skipped", "success"), (build.Result, run.Job("publish").Result, run.Job("notify").Result));
        Shows(run.Job("notify").Log, "publish was skipped");
    }

    [Fact]
    public void EnvIsLayeredAndGitHubEnvCarriesToTheStepsAfter()
    {
        using var run = Run("""
            on: push
            env:
              LAYER: workflow
              REGISTRY: ghcr.io
            jobs:
              build:
                runs-on: ubuntu-latest
                env:
                  LAYER: job
                  IMAGE: ${{ env.REGISTRY }}/acme-corp/store
                steps:
                  - run: |
                      echo "layer=$LAYER image=$IMAGE"
                      echo "LATER=set by a step" >> "$GITHUB_ENV"
                    env:
                      LAYER: step
                  - run: echo "layer=$LAYER later=$LATER context=${{ env.LATER }} workspace=$(pwd) ref=$GITHUB_REF_NAME"
            """);

        var log = run.Job("build").Log;
        Shows(log, "layer=step image=ghcr.io/acme-corp/store");
        Assert.Matches(@"(?m)^layer=job later=set by a step context=set by a step workspace=/\S+/jobs/build-0/work/store ref=main$", log);
    }

    [Fact]
    public void HeredocOutputsAndEveryStepsSummaryAreCollected()
    {
        using var run = Run("""
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                outputs:
                  tags: ${{ steps.build.outputs.tags }}
                steps:
                  - id: build
                    run: |
                      { echo "tags<<EOF_TAGS"; echo "1.2.0"; echo "latest"; echo "EOF_TAGS"; } >> "$GITHUB_OUTPUT"
                      echo "## Image" >> "$GITHUB_STEP_SUMMARY"
                  - run: echo "pushed" >> "$GITHUB_STEP_SUMMARY"
            """);

        Assert.Equal("1.2.0\nlatest", run.Job("build").Outputs["tags"]);
        Assert.Equal("## Image\npushed\n", run.Job("build").Summary);
    }

    [Fact]
    public void IndependentJobsRunAtOnceButNoMoreThanTwo()
    {
        using var run = Run("""
            on: push
            jobs:
              a: { runs-on: ubuntu-latest, steps: [ { run: 'echo "start=$(date +%s%N)"; sleep 1; echo "end=$(date +%s%N)"' } ] }
              b: { runs-on: ubuntu-latest, steps: [ { run: 'echo "start=$(date +%s%N)"; sleep 1; echo "end=$(date +%s%N)"' } ] }
              c: { runs-on: ubuntu-latest, steps: [ { run: 'echo "start=$(date +%s%N)"; sleep 1; echo "end=$(date +%s%N)"' } ] }
            """);

        long Moment(JobRun job, string name) => long.Parse(job.Log.Split('\n').Single(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..], System.Globalization.CultureInfo.InvariantCulture);
        var spans = run.Jobs.Select(j => (Start: Moment(j, "start="), End: Moment(j, "end="))).ToList();
        int AtOnce(long moment) => spans.Count(s => s.Start <= moment && moment < s.End);
        Assert.Equal(2, spans.Max(s => AtOnce(s.Start)));
    }

    [Fact]
    public void EachMatrixCombinationRunsWithItsValuesAndAnArmRunnerSaysItRunsUnderEmulation()
    {
        using var run = Run("""
            on: push
            jobs:
              image:
                strategy:
                  matrix:
                    include:
                      - platform: linux/amd64
                        runner: ubuntu-latest
                      - platform: linux/arm64
                        runner: ubuntu-24.04-arm
                runs-on: ${{ matrix.runner }}
                steps:
                  - run: echo "PLATFORMS=${{ matrix.platform }} arch=${{ runner.arch }} RUNNER_ARCH=$RUNNER_ARCH"
            """);

        Assert.Equal(["image (linux/amd64, ubuntu-latest)", "image (linux/arm64, ubuntu-24.04-arm)"], run.Jobs.Select(j => j.Name).Order());
        var arm = run.Jobs.Single(j => j.RunsOn == "ubuntu-24.04-arm");
        Shows(arm.Log, "PLATFORMS=linux/arm64 arch=ARM64 RUNNER_ARCH=ARM64");
        Shows(arm.Log, "runs-on ubuntu-24.04-arm: GitHub runs this job on a native arm64 runner; here it runs on this linux/amd64 machine, its arm64 programs under emulation");
        Assert.DoesNotContain("emulation", run.Jobs.Single(j => j.RunsOn == "ubuntu-latest").Log);
    }

    [Fact]
    public void AStepThatOutrunsTheJobsTimeoutIsKilledAndTheJobIsCancelled()
    {
        var started = DateTime.UtcNow;
        using var run = Run("""
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                timeout-minutes: 0.02
                steps:
                  - run: sleep 30
                  - if: always()
                    run: echo "after the timeout"
            """);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the step was not killed at the job's timeout");
        Assert.Equal(("cancelled", "failure"), (run.Job("build").Result, run.Conclusion));
        Shows(run.Job("build").Log, "The step ran out of time and was cancelled.");
    }

    [Fact]
    public void HashFilesHashesTheMatchedFilesAndIsEmptyWhenNothingMatches()
    {
        using var run = Run("""
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: |
                      echo "key=${{ runner.os }}-${{ hashFiles('**/*.md', 'src/**') }}"
                      echo "none=[${{ hashFiles('**/*.csproj') }}]"
                      echo "readme=$(sha256sum README.md | cut -c1-64)"
            """);

        var log = run.Job("build").Log;
        Assert.Matches("(?m)^key=Linux-[0-9a-f]{64}$", log);
        Shows(log, "none=[]");
    }

    [Fact]
    public void AnActionWithoutALocalEquivalentFailsTheRunNamingIt()
    {
        using var run = Run("""
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: docker/build-push-action@v6
            """);

        Assert.Equal("failure", run.Conclusion);
        Shows(run.Job("build").Log, "uses: docker/build-push-action@v6 has no local equivalent in the workflow harness");
    }

    [Fact]
    public void AnArtifactNameIsUploadedOncePerRunAndDownloadsMergeWhenAsked()
    {
        using var run = Run("""
            on: push
            jobs:
              amd64:
                runs-on: ubuntu-latest
                steps:
                  - run: mkdir -p digests && touch digests/1111 digests/.hidden
                  - uses: actions/upload-artifact@v4
                    with: { name: digests-amd64, path: digests/* }
              arm64:
                needs: amd64
                runs-on: ubuntu-latest
                steps:
                  - run: mkdir -p digests && touch digests/2222
                  - uses: actions/upload-artifact@v4
                    with: { name: digests-arm64, path: digests, if-no-files-found: error }
                  - uses: actions/upload-artifact@v4
                    with: { name: digests-amd64, path: digests }
              merge:
                needs: [amd64, arm64]
                if: always()
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/download-artifact@v4
                    with: { path: all, pattern: digests-*, merge-multiple: true }
                  - run: ls all
                  - uses: actions/download-artifact@v4
                    with: { name: digests-riscv64 }
            """);

        Assert.Equal(["digests-amd64", "digests-arm64"], run.Artifacts.Names);
        Assert.Equal(["1111"], run.Artifacts.Files("digests-amd64"));
        Shows(run.Job("arm64").Log, "an artifact with this name already exists on the workflow run");
        var merge = run.Job("merge");
        Shows(merge.Log, "1111\n2222");
        Shows(merge.Log, "Artifact not found for name: digests-riscv64");
    }

    [Fact]
    public void CheckoutHonoursFetchDepth()
    {
        using var run = Run("""
            on: push
            jobs:
              shallow:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: echo "commits=$(git rev-list --count HEAD) tags=$(git tag | wc -l) branch=$(git branch --show-current)"
              full:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      fetch-depth: 0
                  - run: echo "commits=$(git rev-list --count HEAD) tags=$(git tag) branch=$(git branch --show-current)"
            """);

        Shows(run.Job("shallow").Log, "commits=1 tags=0 branch=main");
        Shows(run.Job("full").Log, "commits=2 tags=v1.0.0 branch=main");
    }

    [Fact]
    public void AWorkflowTheEventDoesNotStartRunsNothingAndSaysSo()
    {
        using var run = Run("""
            on:
              push:
                tags: [v*]
            jobs:
              build: { runs-on: ubuntu-latest, steps: [ { run: 'touch /tmp/should-never-exist' } ] }
            """);

        Assert.False(run.Triggered);
        Assert.Empty(run.Jobs);
        Assert.Equal("on.push filters only tags, so a branch push (refs/heads/main) does not start it", run.TriggerReason);
    }

    [Fact]
    public void SecretsAreMaskedInTheLogAndEveryLineThatHeldOneIsCounted()
    {
        using var run = Run("""
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                outputs:
                  leaked: ${{ steps.leak.outputs.value }}
                steps:
                  - id: leak
                    run: |
                      echo "::add-mask::masked-by-the-step"
                      echo "password ${{ secrets.REGISTRY_PASSWORD }} and masked-by-the-step"
                      echo "value=${{ secrets.REGISTRY_PASSWORD }}" >> "$GITHUB_OUTPUT"
            """, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "s3cret-value" });

        var job = run.Job("build");
        Assert.DoesNotContain("s3cret-value", run.Log);
        Shows(job.Log, "password *** and ***");
        Assert.Equal(1, job.Step("leak").LinesWithSecrets);
        Assert.False(job.Outputs.ContainsKey("leaked"));
    }

    [Fact]
    public void AnAttestationNeedsItsPermissionsAndRecordsItsSubject()
    {
        const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        using var run = Run($$$"""
            on: push
            permissions:
              contents: read
            jobs:
              allowed:
                runs-on: ubuntu-latest
                permissions:
                  id-token: write
                  attestations: write
                steps:
                  - uses: actions/attest-build-provenance@v2
                    with: { subject-name: registry/acme-corp/store, subject-digest: '{{{Digest}}}', push-to-registry: false }
              refused:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/attest-build-provenance@v2
                    with: { subject-name: registry/acme-corp/store, subject-digest: '{{{Digest}}}' }
            """);

        Assert.Equal(new ProvenanceSubject("allowed", "registry/acme-corp/store", Digest), Assert.Single(run.Attestations));
        Shows(run.Job("refused").Log, "needs the permission id-token: write, which job refused does not have");
    }
}
