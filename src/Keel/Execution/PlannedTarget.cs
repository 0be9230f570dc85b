namespace Keel.Execution;

/// <summary>One step of the plan: the target, whether it was asked for, and why it will be skipped (null: it runs).</summary>
internal sealed record PlannedTarget(TargetDefinition Target, bool Invoked, string? SkipReason)
{
    public string Name => Target.Name;
}
