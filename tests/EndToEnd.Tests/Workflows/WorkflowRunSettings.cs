namespace EndToEnd.Tests.Workflows;

/// <summary>
/// What a run is given: the repository GitHub holds (each job's checkout is made from it), the event with the runner's
/// variables for it (<see cref="GitHubRun"/>), the repository's secrets and variables, and a workflow_dispatch's inputs.
/// </summary>
public sealed record WorkflowRunSettings(ThrowawayRepository Origin, GitHubRun Event)
{
    /// <summary>The GITHUB_TOKEN a run gets when the test gives none: a stand-in that no registry here accepts.</summary>
    public const string GitHubToken = "ghs_workflowHarnessTokenNotForAnyRegistry0";

    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Vars { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    /// <summary>1 for a first run, 2 for "Re-run all jobs", and so on.</summary>
    public int RunAttempt { get; init; } = 1;

    /// <summary>Jobs that run at once: two on this two-core machine.</summary>
    public int MaxParallelJobs { get; init; } = 2;
}
