namespace Keel.Execution;

/// <summary>The outcome of a run: one record per planned target, in plan order.</summary>
public sealed class RunRecord
{
    internal RunRecord(IReadOnlyList<TargetRun> targets) => Targets = targets;

    public IReadOnlyList<TargetRun> Targets { get; }

    public bool Cancelled { get; internal set; }

    public bool Failed => Cancelled || Targets.Any(t => t.HasFailed);

    public TimeSpan Duration => Targets.Aggregate(TimeSpan.Zero, (total, t) => total + t.Duration);

    /// <summary>0 on success, 130 after Ctrl-C (as shells report SIGINT), 1 after a failure.</summary>
    public int ExitCode => Cancelled ? 130 : Failed ? 1 : 0;
}
