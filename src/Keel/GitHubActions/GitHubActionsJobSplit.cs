namespace Keel.GitHubActions;

/// <summary>
/// How a feature splits a workflow's publishing job: one job a part (each on its own runner, running
/// <see cref="PartTarget"/>), then one merge job that needs them all and runs <see cref="MergeTarget"/>. Each part job
/// reports <see cref="PartOutput"/>; the merge job gets every part's, joined by commas, in
/// <see cref="MergeParameter"/>. The merge job alone runs the workflow's steps after the build (an attestation) and
/// reports the workflow's outputs.
/// </summary>
/// <param name="PartTarget">The target each part's job runs in place of the publishing targets.</param>
/// <param name="MergeTarget">The target the merge job runs.</param>
/// <param name="Parts">The parts, in the order their jobs are written.</param>
public sealed record GitHubActionsJobSplit(string PartTarget, string MergeTarget, IReadOnlyList<GitHubActionsJobPart> Parts)
{
    /// <summary>What the jobs' ids start with: image-linux-amd64, ..., and image-merge.</summary>
    public string JobPrefix { get; init; } = "publish";

    /// <summary>The job output of each part that the merge job is handed.</summary>
    public required string PartOutput { get; init; }

    /// <summary>The build's parameter (by its name) that takes every part's output in the merge job.</summary>
    public required string MergeParameter { get; init; }
}
