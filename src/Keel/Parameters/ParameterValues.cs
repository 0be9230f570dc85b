using System.Linq.Expressions;
using System.Reflection;

namespace Keel.Parameters;

/// <summary>
/// The values bound to one build's parameters, by member. A parameter declared on a component interface has no field
/// to hold its value: its getter reads it from here through <see cref="KeelBuild.TryGetValue{T}"/>.
/// </summary>
internal sealed class ParameterValues
{
    private readonly Dictionary<MemberKey, object?> _values = [];

    public void Set(MemberInfo member, object? value) => _values[Key(member)] = value;

    /// <summary>The bound value as <typeparamref name="T"/>; default when nothing was bound.</summary>
    // Generic only where it must be: a component's bool or int parameter makes the runtime compile this for that type
    // on every run, so the work is in the non-generic part, compiled ahead of time with the engine.
    public T? Get<T>(Expression<Func<T>> parameterExpression) =>
        Get(parameterExpression, typeof(T)) is T typed ? typed : default;

    private object? Get(LambdaExpression parameterExpression, Type type)
    {
        var member = MemberOf(parameterExpression);
        if (!_values.TryGetValue(Key(member), out var value) || value is null)
            return null;
        return type.IsInstanceOfType(value)
            ? value
            : throw new InvalidOperationException($"TryGetValue<{type.Name}>(() => {member.Name}) asks for a {type.Name}, but the parameter holds a {value.GetType().Name}; ask for its own type.");
    }

    /// <summary>The field or property an expression names; the expression is read, never compiled or run (its getter may be the caller).</summary>
    public static MemberInfo MemberOf(LambdaExpression expression)
    {
        var body = expression.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.TypeAs } convert)
            body = convert.Operand;
        return body is MemberExpression { Member: FieldInfo or PropertyInfo } member
            ? member.Member
            : throw new ArgumentException($"TryGetValue(() => ...) takes a parameter (a field or property of the build or a component), not '{expression.Body}'.");
    }

    // The same member reached through another reflected type is the same parameter.
    private static MemberKey Key(MemberInfo member) => new(member.DeclaringType!, member.MetadataToken);

    // A class, not a tuple: a dictionary keyed by a reference type runs the runtime's precompiled shared code, where a
    // value-type key would be compiled at start-up on every run.
    private sealed record MemberKey(Type DeclaringType, int Token);
}
