namespace Keel.GitHubActions;

/// <summary>
/// A step that runs an action after the build in the publishing jobs of one workflow (every job, when the workflow
/// names no publishing targets): attesting the pushed image, notifying, deploying. The job gets the step's write
/// scopes, and no other job does.
/// <code>
/// [GitHubActionsStep("publish", "actions/attest-build-provenance",
///     With = ["subject-name=${{ steps.build.outputs.image }}", "subject-digest=${{ steps.build.outputs.digest }}"],
///     WritePermissions = [GitHubActionsPermission.IdToken, GitHubActionsPermission.Attestations])]
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsStepAttribute(string workflow, string uses) : Attribute
{
    /// <summary>The name of the [GitHubActions] workflow the step belongs to.</summary>
    public string Workflow { get; } = workflow;

    /// <summary>
    /// The action: owner/name for an action Keel pins itself (see <see cref="PinnedAction"/>), or owner/name@SHA
    /// (a full 40-character commit) with <see cref="Version"/> for the comment beside it.
    /// </summary>
    public string Uses { get; } = uses;

    /// <summary>The release the SHA of <see cref="Uses"/> is, written beside it (v2.4.0).</summary>
    public string? Version { get; set; }

    public string? Name { get; set; }

    /// <summary>The action's inputs, as input=value; expressions such as ${{ steps.build.outputs.digest }} are kept.</summary>
    public string[] With { get; set; } = [];

    /// <summary>Token scopes the step needs to write with, granted to the job that runs it.</summary>
    public GitHubActionsPermission[] WritePermissions { get; set; } = [];

    /// <summary>A condition for the step (an expression without ${{ }}); the step runs after a successful build otherwise.</summary>
    public string? If { get; set; }
}
