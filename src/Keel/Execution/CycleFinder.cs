namespace Keel.Execution;

/// <summary>Finds a cycle in the ordering graph (Tarjan's strongly connected components) and names it.</summary>
internal static class CycleFinder
{
    /// <summary>Returns the targets of one cycle in order, first repeated at the end, or null when there is none.</summary>
    public static IReadOnlyList<string>? Find(TargetGraph graph)
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var low = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        List<string>? component = null;

        void Connect(string node)
        {
            indices[node] = low[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var before in graph.RunsAfter[node])
            {
                if (component is not null)
                    return;
                if (!indices.ContainsKey(before))
                {
                    Connect(before);
                    low[node] = Math.Min(low[node], low[before]);
                }
                else if (onStack.Contains(before))
                {
                    low[node] = Math.Min(low[node], indices[before]);
                }
            }

            if (component is null && low[node] == indices[node])
            {
                var members = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    members.Add(member);
                }
                while (!string.Equals(member, node, StringComparison.OrdinalIgnoreCase));

                if (members.Count > 1 || graph.RunsAfter[node].Contains(node))
                    component = members;
            }
        }

        foreach (var target in graph.Targets)
        {
            if (component is null && !indices.ContainsKey(target.Name))
                Connect(target.Name);
        }

        return component is null ? null : Walk(graph, component);
    }

    /// <summary>The shortest way round the component from its first-declared member back to itself.</summary>
    private static List<string> Walk(TargetGraph graph, List<string> component)
    {
        var members = new HashSet<string>(component, StringComparer.OrdinalIgnoreCase);
        var names = graph.Targets.Select(t => t.Name).Where(members.Contains).ToList();
        var start = names[0];
        var cameFrom = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            // "next" must run after "current": current is listed in next's RunsAfter.
            foreach (var next in names.Where(n => graph.RunsAfter[n].Contains(current)))
            {
                if (string.Equals(next, start, StringComparison.OrdinalIgnoreCase))
                {
                    var path = new List<string> { start };
                    for (var step = current; !string.Equals(step, start, StringComparison.OrdinalIgnoreCase); step = cameFrom[step])
                        path.Insert(1, step);
                    path.Add(start);
                    return path;
                }

                if (cameFrom.TryAdd(next, current))
                    queue.Enqueue(next);
            }
        }

        return [start, start];
    }
}
