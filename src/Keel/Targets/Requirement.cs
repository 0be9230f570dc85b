using System.Reflection;

namespace Keel;

/// <summary>Something that must hold before any target of the plan runs.</summary>
internal abstract record Requirement;

/// <summary>A parameter (field or property of the build) that must have a value.</summary>
internal sealed record ParameterRequirement(MemberInfo Member, Func<object?> Read) : Requirement;

/// <summary>
/// A condition that must be true. Its text is either the captured source of the condition, or, when the build
/// passed one, an explanation of what is needed ("an API key: pass --api-key").
/// </summary>
internal sealed record ConditionRequirement(Condition Condition, bool IsExplanation = false) : Requirement;
