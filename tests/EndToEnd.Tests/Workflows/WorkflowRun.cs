namespace EndToEnd.Tests.Workflows;

/// <summary>
/// A workflow run as GitHub would show it: whether the event started it (and why), each job's runs, the run's
/// artifacts (a folder each), the attested subjects, and the whole log. Disposing it removes the job workspaces and
/// the artifacts.
/// </summary>
public sealed class WorkflowRun(string folder, TriggerDecision trigger, IReadOnlyList<JobRun> jobs, ArtifactStore artifacts,
    IReadOnlyList<ProvenanceSubject> attestations, string log) : IDisposable
{
    public bool Triggered => trigger.Triggers;

    /// <summary>Why the event started the workflow, or did not.</summary>
    public string TriggerReason => trigger.Reason;

    public IReadOnlyList<JobRun> Jobs => jobs;

    public ArtifactStore Artifacts => artifacts;

    public IReadOnlyList<ProvenanceSubject> Attestations => attestations;

    public string Log => log;

    /// <summary>success when every job that ran succeeded (skipped jobs do not fail a run), failure otherwise; none when not started.</summary>
    public string Conclusion => !Triggered ? "none" : jobs.Any(j => j.Result is "failure" or "cancelled") ? "failure" : "success";

    /// <summary>The one run of a job (a job without a matrix).</summary>
    public JobRun Job(string id) => jobs.Where(j => j.Id == id).ToList() switch
    {
        [var only] => only,
        [] => throw new InvalidOperationException($"The run has no job '{id}'; it has {string.Join(", ", jobs.Select(j => j.Id).Distinct())}."),
        var several => throw new InvalidOperationException($"Job '{id}' ran {several.Count} times (a matrix); pick one from Jobs."),
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
