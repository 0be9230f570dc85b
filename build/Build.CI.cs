using Keel.Components;
using Keel.Containers;
using Keel.GitHubActions;

// The workflows in .github/workflows are generated from these attributes: ./build.sh --generate-configuration
//
// ci checks the app on pull requests; a push to main or a release tag is checked and published by publish, in one job, so the
// image is built from the very binaries its tests ran against and main's tests run once. Publishing runs one at a
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
// publish builds the image for x64 and ARM servers alike: one index under every tag. The runner is x64, so its job first
// sets up arm64 emulation, for the arm64 image's smoke test; building needs none.
[GitHubActions("publish", GitHubActionsImage.UbuntuLatest,
    OnPushBranches = ["main"],
    OnPushTags = ["v*"],
    InvokedTargets = [nameof(IContainerImage.PushImage)],
    PublishingTargets = [nameof(IContainerImage.PushImage)],
    WritePermissions = [GitHubActionsPermission.Packages],
    EnableGitHubToken = true,
    EnvironmentVariables = ["REGISTRY=ghcr.io"],
    Outputs = [ImageOutputs.Image, ImageOutputs.Digest, ImageOutputs.Tags],
    PublishArtifacts = true,
    ConcurrencyGroup = "publish",
    TimeoutMinutes = 45)]
[ContainerPlatforms("publish", nameof(IContainerImage.Platforms), "linux/amd64", "linux/arm64")]
// The pushed digest gets a signed build provenance attestation, kept in GitHub's attestation store:
// gh attest verify oci://ghcr.io/OWNER/store:1.2.3 --repo OWNER/REPO
[GitHubActionsStep("publish", "actions/attest-build-provenance",
    Name = "Attest the pushed image",
    With = ["subject-name=${{ steps.build.outputs.image }}", "subject-digest=${{ steps.build.outputs.digest }}", "push-to-registry=false"],
    WritePermissions = [GitHubActionsPermission.IdToken, GitHubActionsPermission.Attestations])]
partial class Build;
