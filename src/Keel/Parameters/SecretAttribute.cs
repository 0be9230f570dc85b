namespace Keel;

/// <summary>The parameter's value is replaced by *** in every log line, in help, plans and error messages.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
