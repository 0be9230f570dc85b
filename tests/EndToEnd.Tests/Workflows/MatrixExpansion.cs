namespace EndToEnd.Tests.Workflows;

/// <summary>
/// strategy.matrix as GitHub expands it: every combination of the listed values, in order (the first key varies
/// slowest); exclude takes combinations out; each include either extends every combination whose original values it
/// matches (adding keys they lack) or, matching none, is a combination of its own. No matrix is one run with an
/// empty matrix.
/// </summary>
public static class MatrixExpansion
{
    public static IReadOnlyList<OrderedMap> Expand(object? matrix)
    {
        if (matrix is null)
            return [new OrderedMap()];
        var map = matrix as OrderedMap ?? throw new WorkflowException("strategy.matrix must be a mapping.");
        var combinations = new List<OrderedMap> { new() };
        foreach (var (key, values) in map.Where(pair => pair.Key is not "include" and not "exclude"))
        {
            var list = values as List<object?> ?? throw new WorkflowException($"strategy.matrix.{key} must be a list.");
            combinations = [.. combinations.SelectMany(combination => list.Select(value => new OrderedMap([.. combination.Select(p => (p.Key, p.Value)), (key, value)])))];
        }

        var original = map.Keys.Where(key => key is not "include" and not "exclude").ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (original.Count == 0)
            combinations.Clear();
        foreach (var exclude in Entries(map, "exclude"))
            combinations.RemoveAll(combination => exclude.All(pair => combination.TryGetValue(pair.Key, out var value) && Same(value, pair.Value)));

        var extended = combinations.Select(c => (Combination: c, Added: new HashSet<string>(StringComparer.OrdinalIgnoreCase))).ToList();
        var expanded = extended.Count;
        foreach (var include in Entries(map, "include"))
        {
            var matched = false;
            // Includes extend the expanded combinations only, never one an earlier include added.
            foreach (var (combination, added) in extended.Take(expanded))
            {
                // An include fits a combination when none of its values for the matrix's own keys differ, and it
                // would not overwrite a value an earlier include added.
                var fits = include.All(pair => original.Contains(pair.Key)
                    ? !combination.TryGetValue(pair.Key, out var value) || Same(value, pair.Value)
                    : !added.Contains(pair.Key) || Same(combination[pair.Key], pair.Value));
                if (!fits)
                    continue;
                matched = true;
                foreach (var (key, value) in include.Where(pair => !original.Contains(pair.Key)))
                {
                    combination[key] = value;
                    added.Add(key);
                }
            }

            if (!matched)
                extended.Add((new OrderedMap(include.Select(p => (p.Key, p.Value))), new HashSet<string>(StringComparer.OrdinalIgnoreCase)));
        }

        if (extended.Count == 0)
            throw new WorkflowException("strategy.matrix expands to no combination at all (GitHub fails such a job).");
        return [.. extended.Select(e => e.Combination)];
    }

    private static IEnumerable<OrderedMap> Entries(OrderedMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => [],
        List<object?> list => list.Select(item => item as OrderedMap ?? throw new WorkflowException($"strategy.matrix.{key} must list mappings.")),
        _ => throw new WorkflowException($"strategy.matrix.{key} must be a list."),
    };

    private static bool Same(object? a, object? b) => ExpressionValues.ToJson(a) == ExpressionValues.ToJson(b);
}
