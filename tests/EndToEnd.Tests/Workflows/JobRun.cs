namespace EndToEnd.Tests.Workflows;

/// <summary>
/// One run of a job (one matrix combination): its result (success, failure, cancelled or skipped), outputs, steps,
/// step summary (every step's $GITHUB_STEP_SUMMARY, in order), log, and when it started and finished.
/// </summary>
public sealed record JobRun(string Id, string Name, string RunsOn, OrderedMap Matrix, string Result, IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<StepRun> Steps, string Summary, string Log, DateTime Started, DateTime Finished)
{
    public TimeSpan Took => Finished - Started;

    public StepRun Step(string idOrName) =>
        Steps.SingleOrDefault(s => s.Id == idOrName) ?? Steps.SingleOrDefault(s => s.Name == idOrName)
        ?? throw new InvalidOperationException($"Job {Id} has no step '{idOrName}'; it has {string.Join(", ", Steps.Select(s => s.Id ?? s.Name))}.");
}
