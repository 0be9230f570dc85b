using Keel.Components;
using Keel.Containers;
using Keel.GitHubActions;

// The workflows in .github/workflows are generated from these attributes: ./build.sh --generate-configuration
//
// ci checks the app on pull requests; a push to main or a release tag is checked and published by publish, each platform's
// image in the job that tested it, so it is built from the very binaries its tests ran against. Publishing runs one at a
// time across every ref and is never cancelled, so a push to main and a release tag of the same commit never race.
[GitHubActions("ci", GitHubActionsImage.UbuntuLatest,
    OnPullRequestBranches = ["main"],
    InvokedTargets = [nameof(ITest.Test)],
    PublishArtifacts = true,
    ConcurrencyGroup = "ci-${{ github.ref }}",
    ConcurrencyCancelPullRequests = true,
    TimeoutMinutes = 30)]
// engine checks Keel itself: its tests and its packages, apart from the app's pipeline.
[GitHubActions("engine", GitHubActionsImage.UbuntuLatest,
    OnPullRequestBranches = ["main"],
    OnPushBranches = ["main"],
    InvokedTargets = [nameof(TestEngine), nameof(IPack.Pack)],
    PublishArtifacts = true,
    ConcurrencyGroup = "engine-${{ github.ref }}",
    ConcurrencyCancelPullRequests = true,
    TimeoutMinutes = 30)]
// publish builds the image for x64 and ARM servers alike: one index under every tag. Each platform has a job of its own on
// a runner of its processor (GitHub's arm64 runners for linux/arm64), which tests, builds, smoke-tests and pushes that
// platform's image natively; the merge job, once both have pushed, joins them in one index under the version's tags.
[GitHubActions(PublishWorkflow, GitHubActionsImage.UbuntuLatest,
    OnPushBranches = ["main"],
    OnPushTags = ["v*"],
    InvokedTargets = [nameof(IContainerImage.PushImage)],
    PublishingTargets = [nameof(IContainerImage.PushImage)],
    WritePermissions = [GitHubActionsPermission.Packages],
    EnableGitHubToken = true,
    EnvironmentVariables = ["REGISTRY=ghcr.io"],
    Outputs = [ImageOutputs.Image, ImageOutputs.Digest, ImageOutputs.Tags],
    PublishArtifacts = true,
    ConcurrencyGroup = PublishWorkflow,
    TimeoutMinutes = 45)]
[ContainerPlatforms(PublishWorkflow, nameof(IContainerImage.Platforms), "linux/amd64", "linux/arm64",
    Runners = ["linux/amd64=ubuntu-latest", "linux/arm64=ubuntu-24.04-arm"])]
// The index gets a signed build provenance attestation, kept in GitHub's attestation store:
// gh attest verify oci://ghcr.io/OWNER/store:1.2.3 --repo OWNER/REPO
[GitHubActionsStep(PublishWorkflow, "actions/attest-build-provenance",
    Name = "Attest the pushed image",
    With = ["subject-name=" + ImageOutputs.ImageOfBuildStep, "subject-digest=" + ImageOutputs.DigestOfBuildStep, "push-to-registry=false"],
    WritePermissions = [GitHubActionsPermission.IdToken, GitHubActionsPermission.Attestations])]
partial class Build
{
    /// <summary>The workflow that publishes the image: its attributes above name it, as its file does (publish.yml).</summary>
    const string PublishWorkflow = "publish";
}
