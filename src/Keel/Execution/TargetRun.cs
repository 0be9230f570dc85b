namespace Keel.Execution;

/// <summary>What happened to one target during a run; the definition itself never changes.</summary>
public sealed class TargetRun
{
    internal TargetRun(PlannedTarget step) => Step = step;

    internal PlannedTarget Step { get; }
    internal TargetDefinition Target => Step.Target;
    public string Name => Step.Name;
    public TargetStatus Status { get; internal set; } = TargetStatus.Pending;
    public TimeSpan Duration { get; internal set; }

    /// <summary>Why it was skipped or not run, or the error message when it failed.</summary>
    public string? Reason { get; internal set; }

    public Exception? Error { get; internal set; }

    public bool HasFailed => Status is TargetStatus.Failed or TargetStatus.Aborted;
}
