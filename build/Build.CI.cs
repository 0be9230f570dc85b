using Keel.Components;
using Keel.GitHubActions;

// The workflows in .github/workflows are generated from these attributes: ./build.sh --generate-configuration
[GitHubActions("ci", GitHubActionsImage.UbuntuLatest,
    OnPushBranches = ["main"],
    OnPullRequestBranches = ["main"],
    InvokedTargets = [nameof(ITest.Test)],
    PublishArtifacts = true,
    ConcurrencyGroup = "ci-${{ github.ref }}",
    ConcurrencyCancelInProgress = true,
    TimeoutMinutes = 30)]
[GitHubActions("publish", GitHubActionsImage.UbuntuLatest,
    OnPushBranches = ["main"],
    OnPushTags = ["v*"],
    InvokedTargets = [nameof(ITest.Test), nameof(PushImage)],
    JobPerTarget = true,
    PublishingTargets = [nameof(PushImage)],
    WritePermissions = [GitHubActionsPermission.Packages],
    EnableGitHubToken = true,
    EnvironmentVariables = ["REGISTRY=ghcr.io"],
    Outputs = ["image", "digest", "tags"],
    ConcurrencyGroup = "publish-${{ github.ref }}",
    TimeoutMinutes = 45)]
partial class Build;
