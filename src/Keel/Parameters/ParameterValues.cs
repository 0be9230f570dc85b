using System.Linq.Expressions;
using System.Reflection;

namespace Keel.Parameters;

/// <summary>
/// The values bound to one build's parameters, by member. A parameter declared on a component interface has no field
/// to hold its value: its getter reads it from here through <see cref="KeelBuild.TryGetValue{T}"/>.
/// </summary>
internal sealed class ParameterValues
{
    private readonly Dictionary<(Type, int), object?> _values = [];

    public void Set(MemberInfo member, object? value) => _values[Key(member)] = value;

    /// <summary>The bound value as <typeparamref name="T"/>; default when nothing was bound.</summary>
    public T? Get<T>(Expression<Func<T>> parameterExpression)
    {
        var member = MemberOf(parameterExpression);
        if (!_values.TryGetValue(Key(member), out var value) || value is null)
            return default;
        return value is T typed
            ? typed
            : throw new InvalidOperationException($"TryGetValue<{typeof(T).Name}>(() => {member.Name}) asks for a {typeof(T).Name}, but the parameter holds a {value.GetType().Name}; ask for its own type.");
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
    private static (Type, int) Key(MemberInfo member) => (member.DeclaringType!, member.MetadataToken);
}
