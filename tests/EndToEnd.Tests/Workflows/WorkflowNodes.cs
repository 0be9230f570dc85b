namespace EndToEnd.Tests.Workflows;

/// <summary>Reading the plain YAML tree with the workflow's location in every complaint.</summary>
internal static class WorkflowNodes
{
    public static OrderedMap Map(object? node, string where) => node switch
    {
        null => new OrderedMap(),
        OrderedMap map => map,
        _ => throw new WorkflowException($"{where}: expected a mapping."),
    };

    public static string? Text(OrderedMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => null,
        string text => text,
        _ => throw new WorkflowException($"'{key}': expected a single value."),
    };

    /// <summary>A value or a list of values ("needs: build" or "needs: [build, test]").</summary>
    public static IReadOnlyList<string> Texts(object? node) => node switch
    {
        null => [],
        string text => [text],
        List<object?> list => [.. list.Select(item => item as string ?? throw new WorkflowException($"expected a list of values, found {item}."))],
        _ => throw new WorkflowException("expected a value or a list of values."),
    };

    /// <summary>The keys a part of a workflow may have here; any other is a feature the harness does not run, and says so.</summary>
    public static void OnlyKeys(OrderedMap map, string where, params string[] known)
    {
        foreach (var key in map.Keys.Where(key => !known.Contains(key)))
            throw new WorkflowException($"{where}: '{key}' is not run by the workflow harness (it runs {string.Join(", ", known)}); add it to the harness with a test before a workflow uses it.");
    }
}
