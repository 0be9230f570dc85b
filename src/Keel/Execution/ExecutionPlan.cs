namespace Keel.Execution;

/// <summary>The ordered targets of one invocation, with the ordering edges between them for the plan graph.</summary>
internal sealed record ExecutionPlan(IReadOnlyList<PlannedTarget> Steps)
{
    public IEnumerable<PlannedTarget> Running => Steps.Where(s => s.SkipReason is null);
}
