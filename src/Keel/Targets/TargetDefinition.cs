namespace Keel;

/// <summary>
/// A target as declared: immutable once the build is created. What happens to it during a run lives in
/// <see cref="Execution.TargetRun"/>, never here.
/// </summary>
internal sealed record TargetDefinition
{
    public required string Name { get; init; }
    public required int Index { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<Func<TargetContext, Task>> Actions { get; init; } = [];
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public IReadOnlyList<string> DependentFor { get; init; } = [];
    public IReadOnlyList<string> Before { get; init; } = [];
    public IReadOnlyList<string> After { get; init; } = [];
    public IReadOnlyList<string> Triggers { get; init; } = [];
    public IReadOnlyList<string> TriggeredBy { get; init; } = [];
    public IReadOnlyList<Condition> StaticConditions { get; init; } = [];
    public IReadOnlyList<Condition> DynamicConditions { get; init; } = [];
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];
    public DependencyBehavior WhenSkipped { get; init; } = DependencyBehavior.Skip;
    public bool ProceedAfterFailure { get; init; }
    public bool AssuredAfterFailure { get; init; }
    public bool Unlisted { get; init; }

    /// <summary>Folders, relative to the root, that the target leaves behind for other jobs.</summary>
    public IReadOnlyList<string> Produces { get; init; } = [];

    /// <summary>Targets whose produced folders this target reads.</summary>
    public IReadOnlyList<string> Consumes { get; init; } = [];
    public bool IsDefault { get; init; }

    /// <summary>Notes <c>--plan</c> prints under the target (<see cref="ITargetDefinition.PlanNote"/>).</summary>
    public IReadOnlyList<Func<string?>> PlanNotes { get; init; } = [];

    /// <summary>What the target reads and writes, for up-to-date checks; null when it declared none.</summary>
    internal Incremental.IncrementalDeclaration? Incremental { get; init; }

    /// <summary>True when the target declared inputs: it is skipped as up to date while they and its outputs stay the same.</summary>
    public bool IsIncremental => Incremental is { IsDeclared: true };

    public override string ToString() => Name;
}
