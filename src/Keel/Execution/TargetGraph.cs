namespace Keel.Execution;

/// <summary>
/// The three kinds of edges between targets, normalized from the six declaration methods:
/// execution (needs), order (runs before) and trigger.
/// </summary>
internal sealed class TargetGraph
{
    private readonly Dictionary<string, TargetDefinition> _byName;

    public TargetGraph(IReadOnlyList<TargetDefinition> targets)
    {
        Targets = targets;
        _byName = targets.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        Needs = Edges(t => t.DependsOn, t => t.DependentFor);
        Triggered = Edges(t => t.Triggers, t => t.TriggeredBy);
        var runsAfter = Edges(t => t.DependsOn, t => t.DependentFor);
        foreach (var target in targets)
        {
            runsAfter[target.Name].UnionWith(target.After);
            runsAfter[target.Name].UnionWith(target.TriggeredBy);
            foreach (var later in target.Before.Concat(target.Triggers))
                runsAfter[later].Add(target.Name);
        }

        RunsAfter = runsAfter;
    }

    public IReadOnlyList<TargetDefinition> Targets { get; }

    /// <summary>Target -> the targets it needs (execution edges).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Needs { get; }

    /// <summary>Target -> the targets it triggers.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Triggered { get; }

    /// <summary>Target -> the targets that must come before it when both are planned (all three edge kinds).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> RunsAfter { get; }

    public TargetDefinition this[string name] => _byName[name];

    public bool TryFind(string name, out TargetDefinition target) => _byName.TryGetValue(name, out target!);

    /// <summary>
    /// Builds "target -> related targets" from a declaration read as written (A.DependsOn(B): A -> B) and its
    /// mirror, read the other way round (A.DependentFor(B): B -> A).
    /// </summary>
    private Dictionary<string, HashSet<string>> Edges(
        Func<TargetDefinition, IReadOnlyList<string>> forward,
        Func<TargetDefinition, IReadOnlyList<string>> mirror)
    {
        var edges = Targets.ToDictionary(t => t.Name, _ => new HashSet<string>(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        foreach (var target in Targets)
        {
            edges[target.Name].UnionWith(forward(target));
            foreach (var other in mirror(target))
                edges[other].Add(target.Name);
        }

        return edges;
    }
}
