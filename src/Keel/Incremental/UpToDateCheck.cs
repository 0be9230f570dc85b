using Keel.Execution;

namespace Keel.Incremental;

/// <summary>
/// Decides whether a target may be skipped as up to date: it declared inputs, none of them changed since its last
/// success in this clone (content, values, and what the targets it depends on wrote), its outputs are still there
/// as it left them, and it was not forced. Anything else, including a check it cannot make, means "run".
/// </summary>
internal sealed class UpToDateCheck(BuildLayout layout)
{
    /// <summary>Targets that run whatever the check says (--force); set once the parameters are bound.</summary>
    public Func<string, bool> Forced { get; set; } = _ => false;

    private readonly UpToDateState _state = new(layout);
    private readonly Dictionary<string, string> _inputs = new(StringComparer.OrdinalIgnoreCase);

    public AbsolutePath Root => layout.RootDirectory;

    /// <summary>The state store, for units of work inside targets.</summary>
    public UpToDateState State => _state;

    public bool IsForced(string target) => Forced(target);

    /// <summary>Whether the target is up to date, and why it is or is not.</summary>
    /// <param name="run">The target about to run; its dependencies have finished.</param>
    /// <param name="find">The plan's run of a target by name; null when it is not in the plan.</param>
    /// <param name="predicting">For --plan: a dependency that would run means this one runs too.</param>
    public Verdict Check(TargetRun run, Func<string, TargetRun?> find, bool predicting = false)
    {
        if (run.Target.Incremental is not { IsDeclared: true } declared)
            return Verdict.Runs("it declares no inputs");

        var after = new List<string>();
        foreach (var need in run.Target.DependsOn)
        {
            if (find(need) is not { } dependency)
                continue;
            switch (dependency.Status)
            {
                case TargetStatus.Skipped or TargetStatus.Collective:
                    after.Add($"after {need} {dependency.Status}");
                    break;
                case TargetStatus.UpToDate:
                case TargetStatus.Succeeded when !predicting && dependency.Target.Incremental is { IsDeclared: true }:
                    after.Add($"after {need} {_state.Read(need)?.Outputs ?? "unknown"}");
                    break;
                default:
                    return Verdict.Runs(predicting ? $"{need} runs first" : $"{need} ran and declares no outputs");
            }
        }

        var inputs = Fingerprint.Inputs(layout.RootDirectory, declared, after);
        _inputs[run.Name] = inputs;
        return Compare(run.Name, declared, inputs, Forced(run.Name));
    }

    /// <summary>A target's or a unit's inputs and outputs now, against its last recorded success.</summary>
    public Verdict Compare(string key, IncrementalDeclaration declared, string inputs, bool forced)
    {
        if (forced)
            return Verdict.Runs("forced");
        var last = _state.Read(key);
        if (last is null)
            return Verdict.Runs("no success recorded in this clone");
        if (last.Inputs != inputs)
            return Verdict.Runs("its inputs changed");
        if (Fingerprint.Outputs(layout.RootDirectory, declared) != last.Outputs)
            return Verdict.Runs("its outputs changed or are missing");
        return Verdict.Current($"unchanged since {last.Succeeded.ToLocalTime():yyyy-MM-dd HH:mm:ss}");
    }

    /// <summary>The target starts: what its last success left may be overwritten now, so it no longer counts.</summary>
    public void Starting(TargetRun run)
    {
        if (run.Target.Incremental is { IsDeclared: true })
            _state.Forget(run.Name);
    }

    /// <summary>The target succeeded: its inputs (as checked before it ran) and its outputs (as they are now) are recorded.</summary>
    public void Succeeded(TargetRun run, DateTimeOffset now)
    {
        if (run.Target.Incremental is { IsDeclared: true } declared && _inputs.TryGetValue(run.Name, out var inputs))
            _state.Write(run.Name, inputs, Fingerprint.Outputs(layout.RootDirectory, declared), now);
    }

    internal sealed record Verdict(bool UpToDate, string Reason)
    {
        public static Verdict Runs(string reason) => new(false, reason);

        public static Verdict Current(string reason) => new(true, reason);
    }
}
