using System.Text;
using System.Text.Json;

namespace EndToEnd.Tests.Workflows;

/// <summary>Evaluates expressions as GitHub does; an unknown context or function fails the step, naming it.</summary>
public static class ExpressionEvaluator
{
    public static object? Evaluate(string expression, ExpressionScope scope) => Evaluate(ExpressionParser.Parse(expression), scope);

    public static object? Evaluate(ExpressionNode node, ExpressionScope scope) => node switch
    {
        ExpressionNode.Literal literal => literal.Value,
        ExpressionNode.Named named => scope.Contexts.TryGetValue(named.Name, out var context)
            ? context
            : throw new WorkflowException($"Unrecognized named-value: '{named.Name}' (the contexts here are {string.Join(", ", scope.Contexts.Keys)})."),
        ExpressionNode.Index index => IndexInto(Evaluate(index.Target, scope), index.Key is null ? null : Evaluate(index.Key, scope), index.Key is null),
        ExpressionNode.Not not => !ExpressionValues.IsTruthy(Evaluate(not.Operand, scope)),
        ExpressionNode.Binary { Operator: "&&" } and => Evaluate(and.Left, scope) is var left && !ExpressionValues.IsTruthy(left) ? left : Evaluate(and.Right, scope),
        ExpressionNode.Binary { Operator: "||" } or => Evaluate(or.Left, scope) is var first && ExpressionValues.IsTruthy(first) ? first : Evaluate(or.Right, scope),
        ExpressionNode.Binary { Operator: "==" } equal => ExpressionValues.LooselyEqual(Evaluate(equal.Left, scope), Evaluate(equal.Right, scope)),
        ExpressionNode.Binary { Operator: "!=" } unequal => !ExpressionValues.LooselyEqual(Evaluate(unequal.Left, scope), Evaluate(unequal.Right, scope)),
        ExpressionNode.Binary comparison => ExpressionValues.Compare(comparison.Operator, Evaluate(comparison.Left, scope), Evaluate(comparison.Right, scope)),
        ExpressionNode.Call call => Call(call, scope),
        _ => throw new WorkflowException($"Cannot evaluate {node}."),
    };

    private static object? IndexInto(object? target, object? key, bool star)
    {
        if (star)
        {
            // a.* : the object's values, or for an array, each element as it is.
            return target switch
            {
                IReadOnlyDictionary<string, object?> map => map.Values.ToList(),
                List<object?> list => list,
                _ => new List<object?>(),
            };
        }

        return target switch
        {
            IReadOnlyDictionary<string, object?> map => map.GetValueOrDefault(ExpressionValues.ToText(key)),
            // Property access on the result of a.* filters: a.*.name is every element's name.
            List<object?> list when key is string name && !double.IsFinite(ExpressionValues.ToNumber(name)) =>
                list.Select(item => IndexInto(item, name, false)).Where(v => v is not null).ToList(),
            List<object?> list => ExpressionValues.ToNumber(key) is var i && i >= 0 && i < list.Count && i == Math.Floor(i) ? list[(int)i] : null,
            _ => null,
        };
    }

    private static object? Call(ExpressionNode.Call call, ExpressionScope scope)
    {
        var name = call.Function.ToLowerInvariant();
        object? Argument(int i) => Evaluate(call.Arguments[i], scope);
        void Arity(int least, int most)
        {
            if (call.Arguments.Count < least || call.Arguments.Count > most)
                throw new WorkflowException($"{call.Function}() takes {(least == most ? least.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{least} to {most}")} arguments, not {call.Arguments.Count}.");
        }

        switch (name)
        {
            case "success":
                Arity(0, 0);
                return scope.Status == "success";
            case "failure":
                Arity(0, 0);
                return scope.Status == "failure";
            case "cancelled":
                Arity(0, 0);
                return scope.Status == "cancelled";
            case "always":
                Arity(0, 0);
                return true;
            case "contains":
                Arity(2, 2);
                return Argument(0) is List<object?> items
                    ? items.Any(item => ExpressionValues.LooselyEqual(item, Argument(1)))
                    : ExpressionValues.ToText(Argument(0)).Contains(ExpressionValues.ToText(Argument(1)), StringComparison.OrdinalIgnoreCase);
            case "startswith":
                Arity(2, 2);
                return ExpressionValues.ToText(Argument(0)).StartsWith(ExpressionValues.ToText(Argument(1)), StringComparison.OrdinalIgnoreCase);
            case "endswith":
                Arity(2, 2);
                return ExpressionValues.ToText(Argument(0)).EndsWith(ExpressionValues.ToText(Argument(1)), StringComparison.OrdinalIgnoreCase);
            case "format":
                Arity(1, int.MaxValue);
                return Format(ExpressionValues.ToText(Argument(0)), [.. call.Arguments.Skip(1).Select(a => ExpressionValues.ToText(Evaluate(a, scope)))]);
            case "join":
                Arity(1, 2);
                var separator = call.Arguments.Count > 1 ? ExpressionValues.ToText(Argument(1)) : ",";
                return Argument(0) is List<object?> parts ? string.Join(separator, parts.Select(ExpressionValues.ToText)) : ExpressionValues.ToText(Argument(0));
            case "tojson":
                Arity(1, 1);
                return ExpressionValues.ToJson(Argument(0));
            case "fromjson":
                Arity(1, 1);
                using (var document = JsonDocument.Parse(ExpressionValues.ToText(Argument(0))))
                    return ExpressionValues.FromJson(document.RootElement);
            case "hashfiles":
                Arity(1, int.MaxValue);
                return FileGlob.Hash(scope.Workspace ?? throw new WorkflowException("hashFiles() has no workspace here."),
                    [.. call.Arguments.Select(a => ExpressionValues.ToText(Evaluate(a, scope)))]);
            default:
                throw new WorkflowException($"Unrecognized function: '{call.Function}'.");
        }
    }

    private static string Format(string template, string[] values)
    {
        var result = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                result.Append('{');
                i++;
            }
            else if (template[i] == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                result.Append('}');
                i++;
            }
            else if (template[i] == '{' && template.IndexOf('}', i) is var end && end > i
                && int.TryParse(template.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture, out var n) && n < values.Length)
            {
                result.Append(values[n]);
                i = end;
            }
            else
            {
                result.Append(template[i]);
            }
        }

        return result.ToString();
    }
}
