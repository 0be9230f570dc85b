namespace Keel;

/// <summary>The build fails before any target runs when the parameter has no value.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
