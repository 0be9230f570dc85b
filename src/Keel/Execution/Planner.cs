namespace Keel.Execution;

/// <summary>
/// Pure planning: which targets an invocation needs, in which order, and which of them are skipped.
/// </summary>
internal static class Planner
{
    public const string SkippedByRequest = "--skip";
    public const string SkippedWithDependent = "only needed by skipped targets";

    /// <param name="graph">All targets of the build.</param>
    /// <param name="invoked">Names of the invoked targets, already resolved to declared names.</param>
    /// <param name="skip">null: skip nothing; empty: skip every target that was not invoked; else the names to skip.</param>
    /// <param name="staticSkipReason">For a planned target, the text of its first false static condition, or null.</param>
    public static ExecutionPlan Plan(
        TargetGraph graph,
        IReadOnlyList<string> invoked,
        IReadOnlyList<string>? skip,
        Func<TargetDefinition, string?> staticSkipReason)
    {
        if (CycleFinder.Find(graph) is { } cycle)
            throw new BuildException($"The targets depend on each other in a cycle: {string.Join(" -> ", cycle)}. Remove one of these edges.");

        var comparer = StringComparer.OrdinalIgnoreCase;
        var invokedSet = new HashSet<string>(invoked, comparer);
        var (selected, triggered) = Select(graph, invokedSet);
        var ordered = Order(graph, selected);

        var skipRoots = new Dictionary<string, (string Reason, bool KeepDependencies)>(comparer);
        foreach (var name in ordered)
        {
            var target = graph[name];
            if (skip is not null && (skip.Count == 0 ? !invokedSet.Contains(name) : skip.Contains(name, comparer)))
                skipRoots[name] = (SkippedByRequest, false);
            else if (staticSkipReason(target) is { } reason)
                skipRoots[name] = (reason, target.WhenSkipped == DependencyBehavior.Execute);
        }

        var running = new HashSet<string>(comparer);
        var visited = new HashSet<string>(comparer);

        void Visit(string name)
        {
            if (!visited.Add(name))
                return;
            if (skipRoots.TryGetValue(name, out var root))
            {
                if (!root.KeepDependencies)
                    return;
            }
            else
            {
                running.Add(name);
            }

            foreach (var need in graph.Needs[name])
                Visit(need);
        }

        foreach (var name in ordered.Where(n => invokedSet.Contains(n) || triggered.Contains(n)))
            Visit(name);

        return new ExecutionPlan([.. ordered.Select(name => new PlannedTarget(
            graph[name],
            invokedSet.Contains(name),
            running.Contains(name) ? null : skipRoots.TryGetValue(name, out var root) ? root.Reason : SkippedWithDependent))]);
    }

    /// <summary>The invoked targets plus everything they need, plus triggered targets, until nothing changes.</summary>
    private static (HashSet<string> Selected, HashSet<string> Triggered) Select(TargetGraph graph, HashSet<string> invoked)
    {
        var selected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var triggered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(invoked);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!selected.Add(name))
                continue;
            foreach (var need in graph.Needs[name])
                pending.Push(need);
            foreach (var next in graph.Triggered[name])
            {
                triggered.Add(next);
                pending.Push(next);
            }
        }

        return (selected, triggered);
    }

    /// <summary>Every target, dependencies before dependents (for help and listings); targets in a cycle come last.</summary>
    public static IReadOnlyList<TargetDefinition> InDependencyOrder(TargetGraph graph)
    {
        var ordered = Order(graph, graph.Targets.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase));
        return [.. ordered.Select(n => graph[n]), .. graph.Targets.Where(t => !ordered.Contains(t.Name, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>Topological order over all three edge kinds; ties go to the target declared first.</summary>
    private static List<string> Order(TargetGraph graph, HashSet<string> selected)
    {
        var waitingOn = selected.ToDictionary(
            n => n,
            n => graph.RunsAfter[n].Count(selected.Contains),
            StringComparer.OrdinalIgnoreCase);
        // A list searched for the first-declared target: builds have tens of targets, and it keeps a sorted set's
        // generic machinery off the start of every run.
        var ready = selected.Where(n => waitingOn[n] == 0).Select(n => graph[n]).ToList();
        var order = new List<string>();
        while (ready.Count > 0)
        {
            var first = 0;
            for (var i = 1; i < ready.Count; i++)
            {
                if (ready[i].Index < ready[first].Index)
                    first = i;
            }

            var next = ready[first];
            ready.RemoveAt(first);
            order.Add(next.Name);
            foreach (var later in selected.Where(n => graph.RunsAfter[n].Contains(next.Name)))
            {
                if (--waitingOn[later] == 0)
                    ready.Add(graph[later]);
            }
        }

        return order;
    }
}
