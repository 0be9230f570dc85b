using System.Reflection;

namespace Keel;

/// <summary>
/// A value set, like NUKE's <c>Configuration</c>: a class with static members of its own type. Parameters of such
/// a type accept exactly those values, and help, completion and the schema list them.
/// </summary>
public abstract class Enumeration(string value) : IEquatable<Enumeration>
{
    public string Value { get; } = value;

    public override string ToString() => Value;

    public bool Equals(Enumeration? other) =>
        other is not null && other.GetType() == GetType() && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as Enumeration);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    public static bool operator ==(Enumeration? left, Enumeration? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(Enumeration? left, Enumeration? right) => !(left == right);

    public static implicit operator string(Enumeration value) => value.Value;

    /// <summary>The declared values of an enumeration type, in declaration order.</summary>
    internal static IReadOnlyList<Enumeration> ValuesOf(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == type)
            .Select(f => (Enumeration)f.GetValue(null)!)
            .Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Static)
                .Where(p => p.PropertyType == type)
                .Select(p => (Enumeration)p.GetValue(null)!))];
}
