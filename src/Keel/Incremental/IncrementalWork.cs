using Keel.Incremental;

namespace Keel;

/// <summary>
/// Up-to-date checks for the parts of a target: one test project of Test, one project of Compile. A unit is up to
/// date when its inputs hash as at its last success in this clone and its outputs are as it left them; forcing the
/// target forces its units.
/// </summary>
public sealed class IncrementalWork
{
    private readonly UpToDateCheck _check;
    private readonly TimeProvider _clock;
    private readonly string? _target;

    /// <param name="target">The target whose units these are; null outside any target, where none can be checked.</param>
    internal IncrementalWork(UpToDateCheck check, TimeProvider clock, string? target)
    {
        _check = check;
        _clock = clock;
        _target = target;
    }

    /// <summary>Checks one unit of the target.</summary>
    /// <param name="name">The unit, unique within the target: a project's path.</param>
    /// <param name="inputs">Files, folders and globs it reads, relative to the root.</param>
    /// <param name="values">Values its result depends on (configuration, filter, command line).</param>
    /// <param name="outputs">Files, folders and globs it writes.</param>
    public WorkUnit Unit(string name, IEnumerable<string> inputs, IEnumerable<KeyValuePair<string, object?>>? values = null, IEnumerable<string>? outputs = null)
    {
        var target = _target ?? throw new InvalidOperationException("Units of work are checked inside a target's actions.");
        var inputList = inputs.ToList();
        var outputList = outputs?.ToList() ?? [];
        var declared = new IncrementalDeclaration
        {
            Inputs = [() => inputList],
            Values = [.. (values ?? []).Select(v => (v.Key, (Func<object?>)(() => v.Value)))],
            Outputs = [() => outputList],
        };
        var key = $"{target}.{name}";
        var fingerprint = Fingerprint.Inputs(_check.Root, declared, []);
        var verdict = _check.Compare(key, declared, fingerprint, _check.IsForced(target));
        if (!verdict.UpToDate)
            _check.State.Forget(key);
        return new WorkUnit(name, verdict.UpToDate, verdict.Reason,
            () => _check.State.Write(key, fingerprint, Fingerprint.Outputs(_check.Root, declared), _clock.GetUtcNow()));
    }
}

/// <summary>One unit of a target's work and whether it is up to date; call <see cref="Succeeded"/> once it ran without an error.</summary>
public sealed class WorkUnit
{
    private readonly Action _record;

    internal WorkUnit(string name, bool isUpToDate, string reason, Action record)
    {
        Name = name;
        IsUpToDate = isUpToDate;
        Reason = reason;
        _record = record;
    }

    public string Name { get; }

    public bool IsUpToDate { get; }

    /// <summary>Why it is up to date, or why it has to run.</summary>
    public string Reason { get; }

    /// <summary>Records the unit's inputs and outputs, so that the next run can skip it while they stay the same.</summary>
    public void Succeeded() => _record();
}
