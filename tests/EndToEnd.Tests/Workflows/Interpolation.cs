using System.Text;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// <c>${{ }}</c> in a workflow's values (run, env, with, outputs, runs-on, name), and the if: condition, which is an
/// expression with or without the braces and, unless it calls a status function itself, means success() &amp;&amp; it.
/// </summary>
public static class Interpolation
{
    public static string Expand(string? text, ExpressionScope scope)
    {
        if (text is null)
            return "";
        var result = new StringBuilder();
        var position = 0;
        while (text.IndexOf("${{", position, StringComparison.Ordinal) is var start && start >= 0)
        {
            result.Append(text, position, start - position);
            var end = ClosingBraces(text, start + 3);
            result.Append(ExpressionValues.ToText(ExpressionEvaluator.Evaluate(text[(start + 3)..end], scope)));
            position = end + 2;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>A value that is one whole expression keeps its type (a matrix list, a number); any other is text.</summary>
    public static object? Value(object? node, ExpressionScope scope) => node switch
    {
        string text when text.Trim() is var trimmed && trimmed.StartsWith("${{", StringComparison.Ordinal) && ClosingBraces(trimmed, 3) == trimmed.Length - 2 =>
            ExpressionEvaluator.Evaluate(trimmed[3..^2], scope),
        string text => Expand(text, scope),
        OrderedMap map => new OrderedMap(map.Select(pair => (pair.Key, Value(pair.Value, scope)))),
        List<object?> list => list.Select(item => Value(item, scope)).ToList(),
        _ => node,
    };

    /// <summary>Whether an if: holds; no if: means success().</summary>
    public static bool Condition(string? condition, ExpressionScope scope)
    {
        var text = condition?.Trim() ?? "";
        if (text.StartsWith("${{", StringComparison.Ordinal) && ClosingBraces(text, 3) == text.Length - 2)
            text = text[3..^2];
        if (text.Length == 0)
            return scope.Status == "success";
        var node = ExpressionParser.Parse(text);
        if (!node.ChecksStatus())
            node = new ExpressionNode.Binary("&&", new ExpressionNode.Call("success", []), node);
        return ExpressionValues.IsTruthy(ExpressionEvaluator.Evaluate(node, scope));
    }

    /// <summary>Where the expression that starts at <paramref name="from"/> ends: the first }} outside a string literal.</summary>
    private static int ClosingBraces(string text, int from)
    {
        var quoted = false;
        for (var i = from; i < text.Length - 1; i++)
        {
            if (text[i] == '\'')
                quoted = !quoted;
            else if (!quoted && text[i] == '}' && text[i + 1] == '}')
                return i;
        }

        throw new WorkflowException($"An expression is not closed with }}}}: {text[(from - 3)..]}");
    }
}
